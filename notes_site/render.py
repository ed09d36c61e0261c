"""Render the frozen site with Jinja: one function per page kind, each yielding ``(path, bytes)``.

Templates come from the site's own ``templates/`` folder first, then the built-in theme,
so a site overrides any template by giving a file the same name. ``StrictUndefined``
turns a typo in a template into a failed build instead of an empty string.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import tomli
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .bibtex import bibliography
from .body import render_segments
from .markdown import create_markdown
from .model import Document, Site
from .views import Hrefs, PaperView, build_views, related_papers


def builtin_templates() -> Path:
    """The built-in theme folder (inside the wheel, or ``templates/`` in a source checkout)."""
    packaged = resources.files("notes_site") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "templates"


def output_path(url: str) -> str:
    """Where a page URL lives on disk: ``/posts/训练/`` → ``posts/训练/index.html`` (raw UTF-8)."""
    path = unquote(url).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


@dataclass(frozen=True, slots=True)
class Chrome:
    """What every page's frame needs: site title, language, UI strings, navigation."""

    site_title: str
    lang: str
    html_lang: str
    t: dict[str, str]
    home_href: str
    papers_href: str
    static_href: str
    languages: tuple[tuple[str, str, str], ...]
    """(code, name, href of this page in that language or that language's home)."""


class Renderer:
    """Holds the Jinja environment and the views for one build."""

    def __init__(self, site: Site, template_dirs: list[Path]) -> None:
        self.site = site
        self.hrefs = Hrefs.for_base_url(site.config.base_url)
        dirs = [*template_dirs, builtin_templates()]
        self.env = Environment(
            loader=FileSystemLoader([str(d) for d in dirs]),
            autoescape=select_autoescape(["html", "xml"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.strings = {code: self._strings(dirs, code) for code in ("zh", "en")}
        self.md = create_markdown(linkify=True)
        self.papers, self.entries, self.topics = build_views(site, self.hrefs)

    @staticmethod
    def _strings(dirs: list[Path], lang: str) -> dict[str, str]:
        """UI strings: built-in file first, the site's own file overrides key by key."""
        merged: dict[str, str] = {}
        for folder in reversed(dirs):
            file = folder / "i18n" / f"{lang}.toml"
            if file.is_file():
                merged.update(tomli.loads(file.read_text(encoding="utf-8")))
        return merged

    def chrome(self, lang: str) -> Chrome:
        config = self.site.config
        code = "zh" if lang.startswith("zh") else "en"
        language = next((lg for lg in config.languages if lg.code == lang), None)
        locale = language.locale if language and language.locale else lang
        return Chrome(
            site_title=config.title or self.strings[code]["untitled_site"],
            lang=code,
            html_lang=locale,
            t=self.strings[code],
            home_href=self.hrefs("/"),
            papers_href=self.hrefs("/papers/"),
            static_href=self.hrefs("/static/"),
            languages=tuple(
                (
                    lg.code,
                    lg.name or lg.code,
                    self.hrefs("/" if lg.code == config.default_language else f"/{lg.code}/"),
                )
                for lg in config.languages
            ),
        )

    def _page(self, template: str, lang: str, **context: Any) -> bytes:
        return self.env.get_template(template).render(chrome=self.chrome(lang), **context).encode("utf-8")

    def document(self, document: Document) -> bytes:
        page = document.page
        segments = render_segments(self.md, page.body, page.body_line, document.digest.entries, page.title)
        entry_views = {e.anchor: e for e in self.entries if e.document_href == self.hrefs(page.url)}
        toc = list(document.digest.sections) if page.toc else []
        return self._page(
            "document.html",
            page.lang,
            title=page.title,
            date=page.date.date().isoformat() if page.date else None,
            segments=segments,
            entries=entry_views,
            toc=toc,
            tags=tuple(page.taxonomies.get("tags", ())),
        )

    def paper(self, paper: PaperView) -> bytes:
        related = related_papers(paper, self.papers)
        return self._page("paper.html", self.site.config.default_language, paper=paper, related=related)

    def pages(self) -> Iterator[tuple[str, bytes]]:
        """Every output file of the site, as (path relative to the output folder, content)."""
        default = self.site.config.default_language
        for document in self.site.documents:
            page = document.page
            if page.kind == "home" or page.headless or page.build_render == "never":
                continue
            yield output_path(document.page.url), self.document(document)
        for paper in self.papers.values():
            yield output_path(f"/papers/{paper.arxiv_id}/"), self.paper(paper)
        ordered = sorted(self.papers.values(), key=lambda p: p.first_date or "", reverse=True)
        yield "papers/index.html", self._page("papers.html", default, papers=ordered)
        yield "papers.bib", bibliography([self.site.papers[p.arxiv_id] for p in ordered]).encode("utf-8")
        homes = {d.page.lang: d for d in self.site.documents if d.page.kind == "home"}
        for language in self.site.config.languages:
            home = homes.get(language.code)
            url = "/" if language.code == default else f"/{language.code}/"
            intro = render_segments(self.md, home.page.body, home.page.body_line, (), home.page.title) if home else []
            yield (
                output_path(url),
                self._page(
                    "home.html",
                    language.code,
                    title=home.page.title if home else self.site.config.title,
                    intro=intro,
                    entries=self.entries[:20],
                    topics=self.topics,
                    papers=ordered[:8],
                ),
            )
        yield "404.html", self._page("404.html", default)
