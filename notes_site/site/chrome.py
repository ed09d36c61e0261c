"""The frame every page shares: site title, language, UI strings, navigation, alternates, meta.

What is the same on every page of a language (:class:`LanguageFrame`: the site title, the UI
strings, the navigation, the header and footer HTML) is made once per language; a page's
:class:`Chrome` adds only what is its own (its URL, its translations, its description).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

NO_HTML = Markup("")
"""An empty fragment."""


@dataclass(frozen=True, slots=True)
class Alternate:
    """This page in another language (language switcher and ``hreflang`` links)."""

    code: str
    """Language code."""
    name: str
    """Language name as configured."""
    locale: str
    """``hreflang`` value (``zh-CN``)."""
    href: str
    """The page in that language (its home when the page has no translation)."""
    absolute: str
    """The same as an absolute URL."""
    translated: bool
    """True when *href* is this page's translation, not just that language's home."""


@dataclass(frozen=True, slots=True)
class LanguageFrame:
    """What every page of one language shows alike, made once per language."""

    site_title: str
    """Site title in this language."""
    lang: str
    """UI language of the pages (``zh``/``en``)."""
    html_lang: str
    """``<html lang>`` value (the configured locale, e.g. ``zh-CN``)."""
    t: Mapping[str, str]
    """UI strings of this language."""
    nav: Mapping[str, str]
    """hrefs of the main sections: home, papers, topics, timeline, tags, search, papers.bib/json."""
    static_href: str
    """Base href of the theme's static files."""
    feed_href: str
    """The site's RSS feed in this language."""
    atom_href: str
    """The site's Atom feed of entries in this language."""
    header: Markup = NO_HTML
    """The site header's brand, navigation and search box (``partials/site_header.html``)."""
    footer: Markup = NO_HTML
    """The site footer (``partials/site_footer.html``)."""


@dataclass(frozen=True, slots=True)
class Chrome:
    """One page's frame: the language's :class:`LanguageFrame` plus the page's own URL and meta.

    The frame's fields read through (``chrome.site_title``, ``chrome.t``, ``chrome.nav``), so
    templates written for the earlier flat chrome keep working.
    """

    frame: LanguageFrame
    """What the page shares with every page of its language."""
    canonical: str
    """Absolute URL of this page."""
    alternates: tuple[Alternate, ...]
    """The page in every configured language."""
    page_kind: str
    """``home``, ``document``, ``paper``, … (for ``og:type`` and body classes)."""
    description: str
    """Meta description."""

    @property
    def site_title(self) -> str:
        """Site title in this language."""
        return self.frame.site_title

    @property
    def lang(self) -> str:
        """UI language of the page (``zh``/``en``)."""
        return self.frame.lang

    @property
    def html_lang(self) -> str:
        """``<html lang>`` value."""
        return self.frame.html_lang

    @property
    def t(self) -> Mapping[str, str]:
        """UI strings."""
        return self.frame.t

    @property
    def nav(self) -> Mapping[str, str]:
        """hrefs of the main sections."""
        return self.frame.nav

    @property
    def static_href(self) -> str:
        """Base href of the theme's static files."""
        return self.frame.static_href

    @property
    def feed_href(self) -> str:
        """The site's RSS feed in this language."""
        return self.frame.feed_href

    @property
    def atom_href(self) -> str:
        """The site's Atom feed of entries."""
        return self.frame.atom_href
