"""The frame every page shares: site title, language, UI strings, navigation, alternates, meta."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


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
class Chrome:
    """What every page's frame needs: site title, language, UI strings, navigation, meta."""

    site_title: str
    """Site title in this language."""
    lang: str
    """Language code of the page (``zh``/``en``)."""
    html_lang: str
    """``<html lang>`` value (the configured locale, e.g. ``zh-CN``)."""
    t: Mapping[str, str]
    """UI strings of this language."""
    nav: Mapping[str, str]
    """hrefs of the main sections: home, papers, topics, timeline, tags."""
    static_href: str
    """Base href of the theme's static files."""
    canonical: str
    """Absolute URL of this page."""
    alternates: tuple[Alternate, ...]
    """The other languages."""
    feed_href: str
    """The site's RSS feed in this language."""
    atom_href: str
    """The site's Atom feed of entries in this language."""
    page_kind: str
    """``home``, ``document``, ``paper``, … (for ``og:type`` and body classes)."""
    description: str
    """Meta description."""
