"""Hugo's URL rules, as pure functions.

Every rule here was checked against hugo v0.168 (``hugo list all`` and built output):

* a page's URL comes from its file path, never its title: ``posts/Hello World.md`` →
  ``/posts/hello-world/``; ``index.md``/``_index.md`` take their folder's URL;
* path text goes through Hugo's ``MakePathSanitized``: letters, digits and marks of any
  script are kept (``中文 标题`` → ``中文-标题``, ``Café`` → ``café``), as are
  ``. / \\ _ # + ~ - @`` and ``%XX``; white space runs become one ``-``; everything else
  (``' ? ( ) & = , ; !``) is dropped; the result is lower-cased;
* ``slug`` replaces the last segment (sanitized, slashes allowed, outer slashes dropped);
* ``url`` is used as written (case and spaces kept), gets a trailing ``/`` unless its last
  segment has an extension, and gets the language prefix only when it does not start
  with ``/``;
* non-default languages (and the default one with ``defaultContentLanguageInSubdir``)
  live under ``/<lang>/``.

URLs are returned as raw UTF-8 paths; :func:`encode_href` percent-encodes them the way
Hugo's ``RelPermalink`` does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, unquote

_ALLOWED_PUNCTUATION = frozenset("./\\_#+~-@")


_HEX = frozenset("0123456789abcdefABCDEF")


def _allowed(char: str) -> bool:
    if char in _ALLOWED_PUNCTUATION:
        return True
    category = unicodedata.category(char)
    # Go's unicode.IsLetter (L*), IsDigit (Nd) and IsMark (M*).
    return category[0] in ("L", "M") or category == "Nd"


def unicode_sanitize(text: str) -> str:
    """Hugo's ``UnicodeSanitize``: keep path-safe characters, white space runs become one ``-``."""
    target: list[str] = []
    prepend_hyphen = False
    was_hyphen = False
    for index, char in enumerate(text):
        is_percent = (
            char == "%" and index + 2 < len(text) and text[index + 1] in _HEX and text[index + 2] in _HEX
        )
        if _allowed(char) or is_percent:
            was_hyphen = char == "-"
            if prepend_hyphen:
                if not was_hyphen:
                    target.append("-")
                prepend_hyphen = False
            target.append(char)
        elif target and not was_hyphen and char.isspace():
            prepend_hyphen = True
    return "".join(target)


def make_path_sanitized(text: str) -> str:
    """Hugo's ``MakePathSanitized``: :func:`unicode_sanitize`, lower-cased."""
    return unicode_sanitize(text).lower()


def encode_href(path: str) -> str:
    """Percent-encode a raw path for an ``href``, as Hugo's RelPermalink shows it.

    Like Go's ``url.URL.EscapedPath``: unreserved characters and ``/$&+,:;=@`` stay,
    everything else (non-ASCII, space, ``#``, ``%``, ``?``) is percent-encoded.
    """
    return quote(path, safe="/$&+,:;=@")


def language_prefix(lang: str, default_language: str, default_in_subdir: bool) -> str:
    """``/<lang>`` for pages of a non-default language (or any with ``defaultContentLanguageInSubdir``)."""
    if lang != default_language or default_in_subdir:
        return "/" + lang
    return ""


def _clean(path: str) -> str:
    """Collapse repeated slashes."""
    return re.sub(r"/{2,}", "/", path)


def _with_trailing_slash(path: str) -> str:
    """Add ``/`` unless the last segment has an extension or the path already ends in ``/``."""
    last = path.rsplit("/", 1)[-1]
    if path.endswith("/") or "." in last:
        return path
    return path + "/"


def ugly_url(url: str) -> str:
    """A page URL as ``uglyURLs`` makes it: ``/2024/post/`` → ``/2024/post.html`` (a URL whose last
    segment has an extension is kept)."""
    if not url.endswith("/") or url == "/":
        return url
    return url.rstrip("/") + ".html"


def section_url(dir_path: str, prefix: str = "") -> str:
    """URL of the section (or home) for content folder ``dir_path`` (``""`` for home)."""
    clean = make_path_sanitized(dir_path.strip("/"))
    return _clean(f"{prefix}/{clean}/") if clean else f"{prefix}/"


def page_path_url(dir_path: str, name: str, prefix: str = "", ugly: bool = False) -> str:
    """URL of a regular page from its folder and base name (for a leaf bundle: the folder's name).

    ``name`` has no extension or language suffix. With ``ugly`` the page is ``name.html``.
    """
    folder = make_path_sanitized(dir_path.strip("/"))
    leaf = make_path_sanitized(name)
    joined = f"{prefix}/{folder}/{leaf}" if folder else f"{prefix}/{leaf}"
    return _clean(joined + (".html" if ugly else "/"))


def slug_url(dir_path: str, slug: str, prefix: str = "", ugly: bool = False) -> str:
    """URL of a page whose front matter sets ``slug``: the slug replaces the file name."""
    return page_path_url(dir_path, slug.strip().strip("/"), prefix, ugly)


def front_matter_url(url: str, prefix: str = "") -> str:
    """URL of a page whose front matter sets ``url``: as written, made absolute.

    A ``url`` starting with ``/`` is used as is; one without gets the language prefix.
    """
    written = url.strip()
    path = written if written.startswith("/") else f"{prefix}/{written}"
    return _with_trailing_slash(_clean(path))


@dataclass(frozen=True, slots=True)
class PermalinkContext:
    """What a permalink pattern can refer to."""

    date: datetime | None
    """The page date (``:year`` etc.); None gives Go's zero date, year 1."""
    section: str
    """First-level section (``:section``)."""
    sections: tuple[str, ...]
    """Section path (``:sections``)."""
    title: str
    """Page title (``:title``)."""
    slug: str | None
    """Front-matter slug, if any (``:slug`` falls back to the title)."""
    filename: str
    """File name without extension and language; a bundle's folder name (``:filename``)."""


_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


_TOKEN = re.compile(r":(sections(?:\[[^\]]*\])?|[a-z]+)")


def _slice_sections(sections: tuple[str, ...], spec: str) -> tuple[str, ...]:
    """``:sections[1:]``, ``:sections[:2]``, ``:sections[last]``, ``:sections[0]``."""
    inner = spec.strip()
    if inner == "last":
        return sections[-1:]
    if ":" in inner:
        low, _, high = inner.partition(":")
        start = int(low) if low.strip() else 0
        end = int(high) if high.strip() else len(sections)
        return sections[start:end]
    index = int(inner)
    return sections[index : index + 1]


def _token_value(token: str, ctx: PermalinkContext) -> str | None:
    year, month, day = (ctx.date.year, ctx.date.month, ctx.date.day) if ctx.date else (1, 1, 1)
    when = ctx.date or datetime(1, 1, 1)
    weekday = (when.weekday() + 1) % 7  # Go: Sunday is 0
    values = {
        "year": str(year),
        "month": f"{month:02d}",
        "monthname": _MONTH_NAMES[month - 1],
        "day": f"{day:02d}",
        "weekday": str(weekday),
        "weekdayname": when.strftime("%A"),
        "yearday": str(when.timetuple().tm_yday),
        "section": ctx.section,
        "title": ctx.title,
        "slug": ctx.slug or ctx.title,
        "slugorfilename": ctx.slug or ctx.filename,
        "slugorcontentbasename": ctx.slug or ctx.filename,
        "filename": ctx.filename,
        "contentbasename": ctx.filename,
    }
    if token.startswith("sections"):
        parts = ctx.sections
        if token != "sections":
            parts = _slice_sections(parts, token[len("sections[") : -1])
        return "/".join(parts)
    return values.get(token)


def expand_permalink(pattern: str, ctx: PermalinkContext, prefix: str = "") -> str:
    """Expand a Hugo permalink pattern (``/:year/:month/:slug/``) for one page.

    Each value is sanitized like a path and the whole URL lower-cased, as Hugo does
    (``:monthname`` gives ``march``; a missing slug falls back to the title). Unknown
    tokens are left as written.
    """

    def replace(match: re.Match[str]) -> str:
        value = _token_value(match.group(1), ctx)
        return match.group(0) if value is None else make_path_sanitized(value)

    expanded = _TOKEN.sub(replace, pattern)
    return _with_trailing_slash(_clean(f"{prefix}/{expanded}"))


def logical_path(rel_path: str) -> str:
    """Hugo's ``.Path``-style key: ``/`` + the path without extension/language, lower-cased, spaces → ``-``.

    ``rel_path`` is the content path with extension and language already removed
    (``posts/Hello World`` → ``/posts/hello-world``; ``""`` → ``/``). This is Hugo's
    default translation key.
    """
    clean = rel_path.strip("/").lower()
    clean = re.sub(r"\s+", "-", clean)
    return "/" + clean


def output_path(url: str) -> str:
    """Where a page URL lives on disk: ``/posts/训练/`` → ``posts/训练/index.html`` (raw UTF-8)."""
    path = unquote(url).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def alias_output_path(alias: str) -> str:
    """Where Hugo writes an alias's redirect page: ``/old`` → ``old/index.html``; an alias whose
    last segment has an extension (``/old.html``) is that file."""
    path = unquote(alias).strip("/")
    last = path.rsplit("/", 1)[-1]
    if not path:
        return "index.html"
    return path if "." in last else path + "/index.html"
