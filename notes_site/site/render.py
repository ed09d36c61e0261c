"""Render the frozen site with Jinja: one method per page kind, each yielding ``(path, bytes)``.

Templates come from the site's own ``templates/`` folder first, then the built-in theme,
so a site overrides any template by giving a file the same name. ``StrictUndefined``
turns a typo in a template into a failed build instead of an empty string.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import tomli
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from notes_site.base.errors import Diagnostic
from notes_site.base.theme import builtin_templates
from notes_site.digest.model import Document, Site
from notes_site.markup.markdown import create_markdown
from notes_site.markup.shortcodes.render import PageInfo, ShortcodeRenderer, render_env
from notes_site.output.bibtex import bibliography
from notes_site.output.search import paper_search_fields
from notes_site.site.body import Segment, render_segments
from notes_site.site.chrome import Alternate, Chrome
from notes_site.site.refs import _RefIndex
from notes_site.site.views.hrefs import Hrefs, term_path, topic_path
from notes_site.site.views.language import LanguageViews
from notes_site.site.views.papers import related_papers
from notes_site.site.views.records import PaperView, TopicView


def output_path(url: str) -> str:
    """Where a page URL lives on disk: ``/posts/训练/`` → ``posts/训练/index.html`` (raw UTF-8)."""
    path = unquote(url).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


class Renderer:
    """Holds the Jinja environment and the per-language views for one build."""

    def __init__(self, site: Site, template_dirs: list[Path]) -> None:
        self.site = site
        self.config = site.config
        self.hrefs = Hrefs(site.config.base_url)
        dirs = [d for d in template_dirs if d.is_dir()] + [builtin_templates()]
        self.env = Environment(
            loader=FileSystemLoader([str(d) for d in dirs]),
            autoescape=select_autoescape(["html", "xml"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["absolute"] = self.hrefs.absolute_href
        self.env.filters["atom_date"] = self._atom_date
        self.strings = {code: self._strings(dirs, code) for code in ("zh", "en")}
        self.md = create_markdown(allow_html=_unsafe_html(self.config.extra), linkify=True)
        self.shortcodes = ShortcodeRenderer(
            self.env, resolve_ref=_RefIndex(site), site_params=self.config.params
        )
        self.diagnostics: list[Diagnostic] = []
        """What rendering noticed (unknown shortcodes, unresolved refs, bad math), with file:line."""
        self.views = {lang.code: LanguageViews(site, lang.code, self.hrefs) for lang in self.config.languages}

    def _atom_date(self, timestamp: str) -> str:
        """RFC 3339 for Atom, which needs a zone: the site's ``timeZone``, else UTC."""
        when = datetime.fromisoformat(timestamp)
        if when.tzinfo is None:
            zone = ZoneInfo(self.config.time_zone) if self.config.time_zone else UTC
            when = when.replace(tzinfo=zone)
        return when.isoformat()

    @staticmethod
    def _strings(dirs: list[Path], lang: str) -> dict[str, str]:
        """UI strings: the built-in file first, the site's own file overrides key by key."""
        merged: dict[str, str] = {}
        for folder in reversed(dirs):
            file = folder / "i18n" / f"{lang}.toml"
            if file.is_file():
                merged.update(tomli.loads(file.read_text(encoding="utf-8")))
        return merged

    # -- the frame ----------------------------------------------------------------------------

    def _ui(self, lang: str) -> str:
        return "zh" if lang.startswith("zh") else "en"

    def _alternates(
        self, lang: str, site_path: str, translations: Mapping[str, str] | None
    ) -> tuple[Alternate, ...]:
        out = []
        for language in self.config.languages:
            views = self.views[language.code]
            if translations is None:
                translated = views.has(site_path)
                path = views.path(site_path if translated else "/")
            elif language.code in translations:
                path, translated = translations[language.code], True
            else:
                path, translated = views.path("/"), False
            out.append(
                Alternate(
                    language.code,
                    language.name,
                    language.locale,
                    self.hrefs(path),
                    self.hrefs.absolute(path),
                    translated,
                )
            )
        return tuple(out)

    def chrome(
        self,
        lang: str,
        path: str,
        kind: str,
        *,
        site_path: str | None = None,
        translations: Mapping[str, str] | None = None,
        description: str = "",
    ) -> Chrome:
        """The frame of the page at *path* (already prefixed); *site_path* is its language-free path."""
        views = self.views[lang]
        language = self.config.language(lang)
        code = self._ui(lang)
        t = self.strings[code]
        return Chrome(
            site_title=language.title or self.config.title or t["untitled_site"],
            lang=code,
            html_lang=language.locale or lang,
            t=t,
            nav={
                "home": views.href("/"),
                "papers": views.href("/papers/"),
                "topics": views.href("/topics/"),
                "timeline": views.href("/timeline/"),
                "tags": views.href("/tags/"),
                "search": views.href("/search/"),
                "papers_bib": self.hrefs("/papers.bib"),
                "papers_json": self.hrefs("/papers.json"),
            },
            static_href=self.hrefs("/static/"),
            canonical=self.hrefs.absolute(path),
            alternates=self._alternates(lang, site_path if site_path is not None else path, translations),
            feed_href=views.href("/index.xml"),
            atom_href=views.href("/atom.xml"),
            page_kind=kind,
            description=description or t["site_description"],
        )

    def _render(self, template: str, chrome: Chrome, **context: Any) -> bytes:
        html = self.env.get_template(template).render(chrome=chrome, **context)
        return html.encode("utf-8")

    # -- page kinds -----------------------------------------------------------------------------

    def _segments(self, document: Document) -> list[Segment]:
        page = document.page
        info = PageInfo(page.source, page.body_line, page.title, page.url, page.lang, page.params)
        env = render_env(self.shortcodes, info, self.diagnostics)
        return render_segments(
            self.md, page.body, page.body_line, document.digest.entries, page.title, page.lang, env
        )

    def document(self, document: Document) -> bytes:
        page = document.page
        views = self.views[page.lang]
        entries = views.entries_by_source.get(page.source, {})
        translations = {page.lang: page.url, **dict(page.translations)}
        chrome = self.chrome(
            page.lang, page.url, "document", translations=translations, description=page.summary or ""
        )
        children: list[Any] = []
        if page.kind == "section":
            children = [
                views.page_ref(d)
                for d in self.site.documents
                if d.page.lang == page.lang
                and d.page is not page
                and d.page.sections[: len(page.sections)] == page.sections
                and len(d.page.sections) <= len(page.sections) + 1
                and not (d.page.kind == "section" and d.page.sections == page.sections)
                and d.page.build_list != "never"
            ]
        return self._render(
            "document.html",
            chrome,
            page=page,
            title=page.title,
            date=page.date.date().isoformat() if page.date else None,
            segments=self._segments(document),
            entries=entries,
            toc=list(document.digest.sections) if page.toc else [],
            terms=[
                (term, views.href(term_path(plural, term)))
                for plural in self.config.taxonomies.values()
                for term in page.taxonomies.get(plural, ())
            ],
            children=children,
        )

    def paper(self, lang: str, paper: PaperView) -> bytes:
        views = self.views[lang]
        chrome = self.chrome(
            lang,
            paper.path,
            "paper",
            site_path=f"/papers/{paper.arxiv_id}/",
            description=(paper.abstract or "")[:200],
        )
        return self._render(
            "paper.html",
            chrome,
            paper=paper,
            related=related_papers(paper, views.papers_by_topic),
            ld=_scholarly(paper),
            search=paper_search_fields(self.site.papers[paper.arxiv_id], paper.first_date),
            # One language's paper pages are enough for the index: a result card links to the
            # reader's language through the page's url_<lang> metadata. Halves indexing time.
            indexed=lang == self.config.default_language,
        )

    def home(self, lang: str) -> bytes:
        views = self.views[lang]
        home = next((d for d in self.site.documents if d.page.kind == "home" and d.page.lang == lang), None)
        chrome = self.chrome(lang, views.path("/"), "home", site_path="/")
        return self._render(
            "home.html",
            chrome,
            title=home.page.title if home and home.page.title else chrome.site_title,
            intro=self._segments(home) if home else [],
            entries=views.entries[:20],
            topics=[t for t in views.topics if len(t.path) <= 2],
            papers=views.papers_by_date()[:8],
            counts={"papers": len(views.papers), "entries": len(views.entries), "topics": len(views.topics)},
        )

    def pages(self) -> Iterator[tuple[str, bytes]]:
        """Every output file of the site, as (path relative to the output folder, content)."""
        for document in self.site.documents:
            page = document.page
            if page.kind == "home" or page.headless or page.build_render == "never":
                continue
            yield output_path(page.url), self.document(document)
            for alias in page.aliases:
                yield output_path(alias), self._alias(page.lang, page.url)
        for language in self.config.languages:
            yield from self._language_pages(language.code)
        yield (
            "robots.txt",
            self._render("robots.txt", self.chrome(self.config.default_language, "/", "robots")),
        )
        if len(self.config.languages) > 1:
            sitemaps = [self.hrefs.absolute(f"/{lg.code}/sitemap.xml") for lg in self.config.languages]
            yield (
                "sitemap.xml",
                self._render(
                    "sitemapindex.xml",
                    self.chrome(self.config.default_language, "/", "sitemap"),
                    sitemaps=sitemaps,
                ),
            )

    def _alias(self, lang: str, target: str) -> bytes:
        return self._render(
            "alias.html", self.chrome(lang, target, "alias"), target=self.hrefs.absolute(target)
        )

    def _language_pages(self, lang: str) -> Iterator[tuple[str, bytes]]:
        views = self.views[lang]
        yield output_path(views.path("/")), self.home(lang)
        ordered = views.papers_by_date()
        for paper in views.papers.values():
            yield output_path(paper.path), self.paper(lang, paper)
        yield (
            output_path(views.path("/papers/")),
            self._render(
                "papers.html",
                self.chrome(lang, views.path("/papers/"), "papers", site_path="/papers/"),
                papers=ordered,
            ),
        )
        if lang == self.config.default_language:
            yield "papers.bib", bibliography([self.site.papers[p.arxiv_id] for p in ordered]).encode("utf-8")
            yield (
                "papers.json",
                (json.dumps(_papers_json(ordered), ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
            )
        yield output_path(views.path("/search/")), self._search_page(lang)
        not_found = self.chrome(lang, views.path("/404.html"), "404", site_path="/404.html")
        yield output_path(views.path("/404.html")), self._render("404.html", not_found)
        yield from self._topic_pages(lang, views)
        yield from self._timeline(lang, views)
        yield from self._taxonomies(lang, views)
        yield from self._feeds(lang, views)

    def _search_page(self, lang: str) -> bytes:
        """The search page: a form that works without JS, results drawn by ``static/search.js``."""
        path = self.views[lang].path("/search/")
        translations = {lg.code: self.views[lg.code].path("/search/") for lg in self.config.languages}
        chrome = self.chrome(lang, path, "search", translations=translations)
        keys = ("search", "filter_", "sort_", "has_code")
        return self._render(
            "search.html",
            chrome,
            pagefind_href=self.hrefs("/pagefind/pagefind.js"),
            base_href=self.hrefs("/"),
            strings={key: text for key, text in chrome.t.items() if key.startswith(keys)},
        )

    def _topic_pages(self, lang: str, views: LanguageViews) -> Iterator[tuple[str, bytes]]:
        chrome = self.chrome(lang, views.path("/topics/"), "topics", site_path="/topics/")
        yield output_path(views.path("/topics/")), self._render("topics.html", chrome, topics=views.topics)
        for topic in views.topics:
            papers = views.topic_papers(topic.path)
            chrome = self.chrome(lang, topic.site_path, "topic", site_path=topic_path(topic.path))
            yield (
                output_path(topic.site_path),
                self._render(
                    "topic.html",
                    chrome,
                    topic=topic,
                    subtopics=[
                        t
                        for t in views.topics
                        if t.path[: len(topic.path)] == topic.path and len(t.path) == len(topic.path) + 1
                    ],
                    parents=[_parent(views, topic, depth) for depth in range(1, len(topic.path))],
                    papers=papers,
                    entries=views.topic_entries(topic.path),
                    bib_href=self.hrefs(topic.site_path + "papers.bib"),
                ),
            )
            yield (
                output_path(topic.site_path + "papers.bib"),
                bibliography([self.site.papers[p.arxiv_id] for p in papers]).encode("utf-8"),
            )

    def _timeline(self, lang: str, views: LanguageViews) -> Iterator[tuple[str, bytes]]:
        months: dict[str, list[Any]] = {}
        for entry in views.entries:
            months.setdefault(entry.month, []).append(entry)
        chrome = self.chrome(lang, views.path("/timeline/"), "timeline", site_path="/timeline/")
        yield (
            output_path(views.path("/timeline/")),
            self._render("timeline.html", chrome, months=list(months.items())),
        )

    def _taxonomies(self, lang: str, views: LanguageViews) -> Iterator[tuple[str, bytes]]:
        for plural, terms in views.term_views.items():
            chrome = self.chrome(lang, views.path(f"/{plural}/"), "taxonomy", site_path=f"/{plural}/")
            yield (
                output_path(views.path(f"/{plural}/")),
                self._render("taxonomy.html", chrome, taxonomy=plural, terms=terms),
            )
            for term in terms:
                site_path = term.site_path[len(views.prefix) :]
                chrome = self.chrome(lang, term.site_path, "term", site_path=site_path)
                yield (
                    output_path(term.site_path),
                    self._render("term.html", chrome, taxonomy=plural, term=term),
                )
                yield (
                    output_path(term.site_path + "index.xml"),
                    self._render(
                        "rss.xml",
                        chrome,
                        title=term.name,
                        link=self.hrefs.absolute(term.site_path),
                        items=term.pages,
                    ),
                )

    def _feeds(self, lang: str, views: LanguageViews) -> Iterator[tuple[str, bytes]]:
        chrome = self.chrome(lang, views.path("/"), "feed", site_path="/")
        pages = [
            d
            for d in self.site.documents
            if d.page.lang == lang and d.page.kind == "page" and d.page.build_list != "never"
        ]
        pages.sort(
            key=lambda d: (d.page.date.isoformat() if d.page.date else "", d.page.source), reverse=True
        )
        yield (
            output_path(views.path("/index.xml")),
            self._render(
                "rss.xml",
                chrome,
                title=chrome.site_title,
                link=self.hrefs.absolute(views.path("/")),
                items=[views.page_ref(d) for d in pages],
            ),
        )
        # Like Hugo, every section page (nested ones too) has a feed of the pages below it.
        for section in self.site.documents:
            page = section.page
            if page.kind != "section" or page.lang != lang or page.build_render == "never":
                continue
            members = [
                views.page_ref(d) for d in pages if d.page.sections[: len(page.sections)] == page.sections
            ]
            yield (
                output_path(page.url + "index.xml"),
                self._render(
                    "rss.xml", chrome, title=page.title, link=self.hrefs.absolute(page.url), items=members
                ),
            )
        yield (
            output_path(views.path("/atom.xml")),
            self._render(
                "atom.xml",
                chrome,
                entries=views.entries[:50],
                updated=views.entries[0].timestamp if views.entries else None,
            ),
        )
        urls = [self.hrefs.absolute(output_url) for output_url in self._sitemap_paths(lang, views)]
        # Hugo puts every language's sitemap under /<lang>/, the default one too, beside an index.
        sitemap = f"/{lang}/sitemap.xml" if len(self.config.languages) > 1 else "/sitemap.xml"
        yield output_path(sitemap), self._render("sitemap.xml", chrome, urls=urls)

    def _sitemap_paths(self, lang: str, views: LanguageViews) -> list[str]:
        paths = [views.path("/")]
        paths += [
            d.page.url
            for d in self.site.documents
            if d.page.lang == lang
            and d.page.kind != "home"
            and d.page.build_render != "never"
            and not d.page.headless
        ]
        paths += [p.path for p in views.papers.values()]
        paths += [t.site_path for t in views.topics]
        paths += [views.path(p) for p in ("/papers/", "/topics/", "/timeline/")]
        return sorted(dict.fromkeys(paths))


def _parent(views: LanguageViews, topic: TopicView, depth: int) -> TopicView:
    """The ancestor of *topic* at *depth* (for breadcrumbs)."""
    return next(t for t in views.topics if t.path == topic.path[:depth])


def _scholarly(paper: PaperView) -> dict[str, Any]:
    """schema.org ``ScholarlyArticle`` for a paper page's JSON-LD."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": paper.title_en or paper.display_title,
        "identifier": f"arXiv:{paper.arxiv_id}",
        "url": f"https://arxiv.org/abs/{paper.arxiv_id}",
        "sameAs": [f"https://arxiv.org/abs/{paper.arxiv_id}"]
        + [link.href for link in paper.links if link.kind == "code"],
    }
    if paper.title_zh:
        data["alternateName"] = paper.title_zh
    if paper.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in paper.authors]
    if paper.abstract:
        data["abstract"] = paper.abstract
    if paper.topics:
        data["keywords"] = [" › ".join(t) for t in paper.topics]
    return data


def _papers_json(papers: list[PaperView]) -> list[dict[str, Any]]:
    """``papers.json``: one record per paper, for scripts and other sites."""
    return [
        {
            "arxiv_id": p.arxiv_id,
            "title_en": p.title_en,
            "title_zh": p.title_zh,
            "authors": list(p.authors),
            "authors_truncated": p.authors_truncated,
            "topics": [list(t) for t in p.topics],
            "first_date": p.first_date,
            "links": [{"label": link.label, "url": link.href, "kind": link.kind} for link in p.links],
            "url": p.href,
        }
        for p in papers
    ]


def _unsafe_html(extra: Mapping[str, Any]) -> bool:
    """Hugo's ``markup.goldmark.renderer.unsafe`` (raw HTML is omitted unless it is true)."""
    markup = extra.get("markup", {})
    goldmark = markup.get("goldmark", {}) if isinstance(markup, Mapping) else {}
    renderer = goldmark.get("renderer", {}) if isinstance(goldmark, Mapping) else {}
    return bool(renderer.get("unsafe", False)) if isinstance(renderer, Mapping) else False
