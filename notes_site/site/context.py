"""What every page kind needs while one site is rendered: templates, markdown, views, the frame.

A :class:`RenderContext` is made once per build. Page-kind modules (``site/pages/``) take it
and return ``(path, bytes)`` pairs; they never keep state of their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from notes_site.base.errors import Diagnostic
from notes_site.digest.kind import is_digest
from notes_site.digest.model import Document, Site
from notes_site.hugo.markup_config import markup_config
from notes_site.markup.markdown import create_markdown
from notes_site.markup.shortcodes.render import PageInfo, ShortcodeRenderer, render_env
from notes_site.site.body import Segment, render_segments
from notes_site.site.chrome import Alternate, Chrome
from notes_site.site.refs import RefIndex
from notes_site.site.templates import site_environment, template_folders, ui_language, ui_strings
from notes_site.site.views.hrefs import Hrefs
from notes_site.site.views.language import LanguageViews


class RenderContext:
    """The Jinja environment, the markdown parser and the per-language views for one build."""

    def __init__(self, site: Site, site_templates: Sequence[Path]) -> None:
        self.site = site
        self.config = site.config
        self.hrefs = Hrefs(site.config.base_url)
        folders = template_folders(site_templates)
        self.env = site_environment(folders, self.hrefs, self.config.time_zone)
        self.strings = {code: ui_strings(folders, code) for code in ("zh", "en")}
        self.markup = markup_config(self.config)
        self.md = create_markdown(self.markup, linkify=True)
        self.shortcodes = ShortcodeRenderer(
            self.env, resolve_ref=RefIndex(site), site_params=self.config.params
        )
        self.diagnostics: list[Diagnostic] = []
        """What rendering noticed (unknown shortcodes, unresolved refs, bad math), with file:line."""
        self.views = {lang.code: LanguageViews(site, lang.code, self.hrefs) for lang in self.config.languages}
        for views in self.views.values():
            self.diagnostics.extend(views.generated.diagnostics)

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
        code = ui_language(lang)
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
            alternates=self._alternates(site_path if site_path is not None else path, translations),
            feed_href=views.href("/index.xml"),
            atom_href=views.href("/atom.xml"),
            page_kind=kind,
            description=description or t["site_description"],
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

    def segments(self, document: Document) -> list[Segment]:
        """The document's body as prose, heading and entry segments (shortcodes rendered)."""
        page = document.page
        info = PageInfo(
            page.source, page.body_line, page.title, page.url, page.lang, page.params, page.resources
        )
        env = render_env(self.shortcodes, info, self.diagnostics)
        return render_segments(
            self.md,
            page.body,
            page.body_line,
            document.digest.entries,
            page.title,
            page.lang,
            env,
            digest=is_digest(page, document.digest),
        )
