"""What every page kind needs while one site is rendered: templates, bodies, views, the frame.

A :class:`RenderContext` is made once per build (and inherited by forked render workers).
Page-kind modules (``site/pages/``) read it and describe their pages; they keep no state of
their own. What many pages show alike is rendered once: each language's frame (header,
footer), and each paper card and entry card, per language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import BytecodeCache
from markupsafe import Markup

from notes_site.base.errors import Diagnostic
from notes_site.base.theme import template_folders
from notes_site.digest.model import Document, Site
from notes_site.output.references import PAGE_STYLES, CitationStyle, KeptReferences, citation_style
from notes_site.site.body import NO_BODY, Body, Segment
from notes_site.site.chrome import Alternate, Chrome, LanguageFrame
from notes_site.site.templates import site_environment, ui_language, ui_strings
from notes_site.site.views.carry import ViewMemo
from notes_site.site.views.chips import entry_papers
from notes_site.site.views.hrefs import Hrefs
from notes_site.site.views.language import LanguageViews
from notes_site.site.views.pager import entries_per_page
from notes_site.site.views.papers import PaperTexts
from notes_site.site.views.records import EntryView, Epochs, PaperView

_T = TypeVar("_T")


class RenderContext:
    """The Jinja environment, the rendered bodies and the per-language views for one build."""

    def __init__(
        self,
        site: Site,
        bodies: Mapping[tuple[str, str], Sequence[Segment]],
        site_templates: Sequence[Path],
        memo: ViewMemo | None = None,
        compiled: BytecodeCache | None = None,
    ) -> None:
        """*memo*: the views of this process's last build of the site, reused where their
        inputs are equal (``views/carry.py``; the preview keeps one between builds);
        *compiled*: templates compiled by earlier builds (in memory, or the build cache's)."""
        self.site = site
        self.config = site.config
        self.hrefs = Hrefs(site.config.base_url)
        self.folders = template_folders(site_templates)
        """Where templates are looked up: the site's own folders, then the theme."""
        self.env = site_environment(self.folders, self.hrefs, self.config.time_zone, compiled)
        self.env.globals["paper_card"] = self.paper_card
        self.env.globals["entry_card"] = self.entry_card
        self.env.globals["reference"] = self.reference
        self.references = KeptReferences()
        """Formats each paper page's reference (in the render workers, only for pages made again)."""
        self.citation_styles = {code: citation_style(*PAGE_STYLES[code]) for code in ("zh", "en")}
        """The citation style of each UI language's paper pages (GB/T 7714-2015, APA)."""
        self.strings = {code: ui_strings(self.folders, code) for code in ("zh", "en")}
        self.bodies = {place: Body(tuple(segments)) for place, segments in bodies.items()}
        """Each document's rendered body, by (language, source path); made by the per-document stage."""
        if memo is not None:
            memo.begin()
        self.views_generation = memo.generation if memo is not None else 0
        """Which build of its process this is, when the process keeps its views (``build/memory.py``)."""
        self.texts = PaperTexts(memo.search, memo.links) if memo is not None else PaperTexts()
        """What every language's paper pages share (BibTeX entries, search fields), made once."""
        chips = entry_papers(site)
        self.views = {
            lang.code: LanguageViews(
                site, lang.code, self.hrefs, self.texts, memo.language(lang.code) if memo else None, chips
            )
            for lang in self.config.languages
        }
        if memo is not None:
            # Made here, not in the render workers, so that the next build finds them kept.
            views = self.views[self.config.default_language]
            for key, paper in site.papers.items():
                self.texts.search(paper, views.papers[key].first_date)
            memo.search.settle()
            memo.links.settle()
        self._epochs = Epochs(tuple(views.epoch for views in self.views.values()))
        self.frames = {lang.code: self._frame(lang.code) for lang in self.config.languages}
        """Each language's :class:`LanguageFrame`."""
        self.diagnostics: list[Diagnostic] = [
            d for views in self.views.values() for d in views.generated.diagnostics
        ]
        """What making the pages noticed (notes-site's pages moved aside for content), with file:line."""
        config_file = self.config.config_files[0] if self.config.config_files else "hugo.toml"
        self.page_size, bad_size = entries_per_page(self.config.extra, config_file)
        """How many entries (or papers) each page of a long list holds (``site/views/pager.py``)."""
        if bad_size is not None:
            self.diagnostics.append(bad_size)
        self._cards: dict[tuple[str, int], tuple[object, Markup]] = {}
        self._documents = {(d.page.lang, d.source): d for d in site.documents}
        self._indexes: dict[tuple[str, str], Any] = {}

    def _frame(self, lang: str) -> LanguageFrame:
        views = self.views[lang]
        language = self.config.language(lang)
        code = ui_language(lang)
        t = self.strings[code]
        frame = LanguageFrame(
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
                "papers_csl": self.hrefs("/papers.csl.json"),
            },
            static_href=self.hrefs("/static/"),
            feed_href=views.href("/index.xml"),
            atom_href=views.href("/atom.xml"),
        )
        header = self.env.get_template("partials/site_header.html").render(chrome=frame)
        footer = self.env.get_template("partials/site_footer.html").render(chrome=frame)
        return replace(frame, header=Markup(header), footer=Markup(footer))

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
        frame = self.frames[lang]
        return Chrome(
            frame=frame,
            canonical=self.hrefs.absolute(path),
            alternates=self._alternates(site_path if site_path is not None else path, translations),
            page_kind=kind,
            description=description or frame.t["site_description"],
        )

    def _alternates(self, site_path: str, translations: Mapping[str, str] | None) -> tuple[Alternate, ...]:
        """The page in every language: its translation, the same site page, or that language's home."""
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

    def render(self, template: str, chrome: Chrome, **context: Any) -> bytes:
        """*template* rendered with the frame and *context*, as UTF-8."""
        html = self.env.get_template(template).render(chrome=chrome, **context)
        return html.encode("utf-8")

    def document(self, lang: str, source: str) -> Document:
        """The document of language *lang* loaded from *source* (a folder, for a section without
        ``_index``: such sections exist once per language)."""
        return self._documents[(lang, source)]

    def index(self, name: str, lang: str, make: Callable[[], _T]) -> _T:
        """``make()``, made once per build for (*name*, *lang*): the lookups page kinds share
        across their pages (a scan of every document or topic per page made large sites cost n²)."""
        key = (name, lang)
        if key not in self._indexes:
            self._indexes[key] = make()
        return self._indexes[key]  # type: ignore[no-any-return]

    def epochs(self) -> Epochs:
        """Every language's :attr:`LanguageViews.epoch` (the same object all build long): what a
        page's hrefs and language switcher read besides the page's own inputs."""
        return self._epochs

    def segments(self, document: Document) -> Body:
        """The document's body as prose, heading and entry segments (shortcodes rendered); the
        same object every time it is asked for (build fingerprints name it by identity)."""
        return self.bodies.get((document.page.lang, document.source), NO_BODY)

    def reference(self, csl: str, style: CitationStyle) -> Markup:
        """The formatted reference of a paper's CSL item (``paper.csl``) in *style*, as HTML."""
        return Markup(self.references.html(csl, style))

    def paper_card(self, paper: PaperView, chrome: Chrome | LanguageFrame) -> Markup:
        """``partials/paper_card.html`` for *paper*, rendered once per language and reused.

        The card sees ``paper`` and the language's frame as ``chrome`` (not the page's own).
        """
        return self._card("partials/paper_card.html", paper, chrome, {"paper": paper})

    def entry_card(self, entry: EntryView, chrome: Chrome | LanguageFrame) -> Markup:
        """``partials/entry_card.html`` for *entry* as lists show it (with its source, without
        its body), rendered once per language and reused."""
        values = {"entry": entry, "show_source": True, "body": None}
        return self._card("partials/entry_card.html", entry, chrome, values)

    def _card(
        self, template: str, view: object, chrome: Chrome | LanguageFrame, values: dict[str, Any]
    ) -> Markup:
        frame = chrome.frame if isinstance(chrome, Chrome) else chrome
        key = (template + "\0" + frame.lang, id(view))
        # The view is kept with its card so that its id cannot be reused by another object.
        cached = self._cards.get(key)
        if cached is None or cached[0] is not view:
            cached = (view, Markup(self.env.get_template(template).render(chrome=frame, **values)))
            self._cards[key] = cached
        return cached[1]


def unsafe_html(extra: Mapping[str, Any]) -> bool:
    """Hugo's ``markup.goldmark.renderer.unsafe`` (raw HTML is omitted unless it is true)."""
    markup = extra.get("markup", {})
    goldmark = markup.get("goldmark", {}) if isinstance(markup, Mapping) else {}
    renderer = goldmark.get("renderer", {}) if isinstance(goldmark, Mapping) else {}
    return bool(renderer.get("unsafe", False)) if isinstance(renderer, Mapping) else False
