"""Which URLs may become a link or an image: the one check every ``href`` and ``src`` from content
goes through.

Two rules, each as Hugo applies it:

* **Markdown links and images** (Goldmark's ``IsDangerousURL``): ``javascript:``, ``vbscript:``,
  ``file:`` and ``data:`` are not links, except ``data:image/{png,gif,jpeg,webp};…``. The scheme
  is read the way a browser reads it, and then some: HTML entities (``&#106;avascript:``) and
  percent escapes are decoded, white space and invisible characters anywhere
  (``java&#x09;script:``, ``java script:``) are dropped, case is ignored.
* **URLs a template writes into an attribute** (Go's ``html/template``, which Hugo's shortcodes
  use): a URL with a scheme other than ``http``, ``https`` or ``mailto`` becomes ``#ZgotmplZ``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote

BLOCKED_URL = "#ZgotmplZ"
"""What Go's html/template (and so Hugo) writes in place of an unsafe URL."""


_DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "file", "data"})


_SAFE_DATA_IMAGE_RE = re.compile(r"data:image/(?:gif|png|jpeg|webp);")


_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.\-]*):")


_TEMPLATE_SCHEMES = frozenset({"http", "https", "mailto"})


def _visible(char: str) -> bool:
    """False for white space, control, format (zero-width) and unassigned characters."""
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp")


def normalized_url(url: str) -> str:
    """*url* as a browser could end up reading its scheme: entities and percent escapes decoded
    (three rounds, for double escapes), invisible characters dropped, lower-cased."""
    text = url
    for _ in range(3):
        decoded = unquote(html.unescape(text))
        if decoded == text:
            break
        text = decoded
    return "".join(char for char in text if _visible(char)).lower()


def url_scheme(url: str) -> str | None:
    """The scheme of *url* as read by :func:`normalized_url`; None for a relative URL."""
    match = _SCHEME_RE.match(normalized_url(url))
    return match.group(1) if match else None


def is_dangerous_url(url: str) -> bool:
    """True when *url* must not become a link or an image (Goldmark's rule, read strictly)."""
    text = normalized_url(url)
    match = _SCHEME_RE.match(text)
    if match is None or match.group(1) not in _DANGEROUS_SCHEMES:
        return False
    return _SAFE_DATA_IMAGE_RE.match(text) is None


def template_url(url: str) -> str:
    """*url*, or ``#ZgotmplZ`` when it has a scheme html/template refuses (anything but http,
    https, mailto) or is dangerous by :func:`is_dangerous_url`."""
    text = str(url)
    colon = text.find(":")
    if colon >= 0 and "/" not in text[:colon] and text[:colon].lower() not in _TEMPLATE_SCHEMES:
        return BLOCKED_URL
    return BLOCKED_URL if is_dangerous_url(text) else text
