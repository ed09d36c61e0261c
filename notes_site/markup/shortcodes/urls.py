"""Unsafe URLs out of a shortcode's HTML, whichever template wrote it.

Hugo's shortcode templates are Go ``html/template``, which escapes by context: a value written
into ``href`` or ``src`` that is a ``javascript:`` URL comes out as ``#ZgotmplZ``. Jinja escapes
HTML but knows nothing of URLs, so a template ported as ``<a href="{{ params.link }}">`` would
write ``javascript:alert(1)`` as given. The built-in templates use the ``safe_url`` filter
(:func:`~notes_site.base.urlsafety.template_url`); for every template, the site's own too, the
rendered HTML is swept once more: any URL attribute whose value is dangerous
(:func:`~notes_site.base.urlsafety.is_dangerous_url`) becomes ``#ZgotmplZ``. Tags without one are
left byte for byte as written.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from notes_site.base.urlsafety import BLOCKED_URL, is_dangerous_url

URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "poster", "cite", "background", "data", "xlink:href", "ping"}
)
"""Attributes whose value a browser loads or follows as a URL."""


class _UnsafeTags(HTMLParser):
    """Finds start tags with a dangerous URL attribute: (offset, raw text, rebuilt text)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts: list[int] = []
        self.found: list[tuple[int, str, str]] = []

    def _offset(self, line: int, column: int) -> int:
        if not self.line_starts:
            self.line_starts = [0, *(match.end() for match in re.finditer("\n", self.html))]
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs, " /")

    def _check(self, tag: str, attrs: list[tuple[str, str | None]], close: str) -> None:
        unsafe = [
            name in URL_ATTRIBUTES and value is not None and is_dangerous_url(value) for name, value in attrs
        ]
        if not any(unsafe):
            return
        raw = self.get_starttag_text() or ""
        line, column = self.getpos()
        parts = [tag]
        for (name, value), bad in zip(attrs, unsafe, strict=True):
            if value is None:
                parts.append(name)
            else:
                parts.append(f'{name}="{escape(BLOCKED_URL if bad else value)}"')
        self.found.append((self._offset(line, column), raw, f"<{' '.join(parts)}{close}>"))


def neutralize_urls(html: str) -> str:
    """*html* with every dangerous URL attribute value replaced by ``#ZgotmplZ``."""
    if "<" not in html:
        return html
    finder = _UnsafeTags(html)
    finder.feed(html)
    finder.close()
    out: list[str] = []
    pos = 0
    for offset, raw, rebuilt in finder.found:
        if not html.startswith(raw, offset):
            return escape(html)  # cannot happen; if it did, show the HTML as text rather than run it
        out.append(html[pos:offset])
        out.append(rebuilt)
        pos = offset + len(raw)
    out.append(html[pos:])
    return "".join(out)
