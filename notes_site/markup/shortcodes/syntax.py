"""Read one shortcode tag as Hugo's page lexer does: ``{{< name arg key="value" >}}``, ``{{% … %}}``,
``{{< /name >}}``, ``{{< name />}}`` and the escapes ``{{</* … */>}}``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

ParamValue = str | int | float | bool
"""A shortcode argument: quoted values are strings, bare ``true``/``3``/``0.5`` are typed."""


_NAME_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")


_BARE_RE = re.compile(r"[^\s\"`=]+")


_INT_RE = re.compile(r"[-+]?\d+")


_FLOAT_RE = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?")


_DELIMS = {"<": ">}}", "%": "%}}"}


@dataclass(frozen=True, slots=True)
class ShortcodeTag:
    """One ``{{< … >}}`` or ``{{% … %}}`` tag as written."""

    name: str
    """The shortcode's name (``figure``, ``media/audio``)."""
    args: tuple[ParamValue, ...]
    """Positional arguments, in order."""
    params: Mapping[str, ParamValue]
    """Named arguments."""
    markdown: bool
    """True for ``{{% %}}`` (inner content is markdown), False for ``{{< >}}``."""
    closing: bool
    """True for ``{{< /name >}}``."""
    self_closing: bool
    """True for ``{{< name />}}``, which never takes inner content."""
    start: int
    """Offset of the opening ``{{`` in the parsed text."""
    end: int
    """Offset just past the closing ``}}``."""


def _skip_space(src: str, pos: int, limit: int) -> int:
    while pos < limit and src[pos] in " \t\r\n":
        pos += 1
    return pos


def _typed(value: str) -> ParamValue:
    """A bare value typed as Hugo types it: booleans and numbers; anything else a string."""
    if value in ("true", "false"):
        return value == "true"
    if _INT_RE.fullmatch(value):
        return int(value)
    if _FLOAT_RE.fullmatch(value):
        return float(value)
    return value


def _read_value(src: str, pos: int, limit: int, close: str) -> tuple[ParamValue, int] | None:
    """One argument value at *pos*: quoted, raw (backticks) or bare. None when malformed."""
    if pos >= limit:
        return None
    char = src[pos]
    if char == '"':
        out: list[str] = []
        pos += 1
        while pos < limit:
            char = src[pos]
            if char == "\\" and pos + 1 < limit and src[pos + 1] in '"\\':
                out.append(src[pos + 1])
                pos += 2
            elif char == '"':
                return "".join(out), pos + 1
            else:
                out.append(char)
                pos += 1
        return None
    if char == "`":
        end = src.find("`", pos + 1, limit)
        return None if end < 0 else (src[pos + 1 : end], end + 1)
    match = _BARE_RE.match(src, pos, limit)
    if match is None:
        return None
    text = match.group(0)
    # A bare value ends where the tag does: `{{< x a>}}` and `{{< x a/>}}`.
    for stop in (close, "/" + close):
        cut = text.find(stop)
        if cut >= 0:
            text = text[:cut]
    if not text:
        return None
    return _typed(text), pos + len(text)


def parse_tag(src: str, pos: int, limit: int | None = None) -> ShortcodeTag | None:
    """The shortcode tag starting at *pos*, or None when there is none (or it is malformed)."""
    limit = len(src) if limit is None else limit
    if not src.startswith("{{", pos) or pos + 2 >= limit or src[pos + 2] not in _DELIMS:
        return None
    start = pos
    markdown = src[pos + 2] == "%"
    close = _DELIMS[src[pos + 2]]
    pos = _skip_space(src, pos + 3, limit)
    closing = src.startswith("/", pos) and not src.startswith("/*", pos)
    if closing:
        pos = _skip_space(src, pos + 1, limit)
    name_match = _NAME_RE.match(src, pos, limit)
    if name_match is None:
        return None
    name = name_match.group(0)
    pos = name_match.end()
    args: list[ParamValue] = []
    params: dict[str, ParamValue] = {}
    while True:
        spaced = _skip_space(src, pos, limit)
        if src.startswith(close, spaced):
            return ShortcodeTag(
                name, tuple(args), params, markdown, closing, False, start, spaced + len(close)
            )
        if src.startswith("/" + close, spaced) and not closing:
            return ShortcodeTag(
                name, tuple(args), params, markdown, False, True, start, spaced + 1 + len(close)
            )
        if spaced == pos or closing:
            return None  # arguments are separated by white space; a closing tag takes none
        pos = spaced
        key = re.match(r"([A-Za-z_][\w-]*)\s*=\s*", src[pos:limit])
        if key is not None:
            value = _read_value(src, pos + key.end(), limit, close)
            if value is None:
                return None
            params[key.group(1)] = value[0]
            pos = value[1]
        else:
            value = _read_value(src, pos, limit, close)
            if value is None:
                return None
            args.append(value[0])
            pos = value[1]


def parse_escape(src: str, pos: int, limit: int | None = None) -> tuple[str, int] | None:
    """``{{</* x */>}}`` at *pos* as ``("{{< x >}}", end)``; None when there is no escape there."""
    limit = len(src) if limit is None else limit
    for opener, closer in (("{{</*", "*/>}}"), ("{{%/*", "*/%}}")):
        if src.startswith(opener, pos):
            end = src.find(closer, pos + len(opener), limit)
            if end < 0:
                return None
            inside = src[pos + len(opener) : end]
            return f"{opener[:3]}{inside}{closer[2:]}", end + len(closer)
    return None


def iter_tags(src: str, pos: int, limit: int) -> Iterator[ShortcodeTag]:
    """Every tag from *pos* on, as a scan for closing tags sees them (escapes skipped)."""
    while True:
        pos = src.find("{{", pos, limit)
        if pos < 0:
            return
        escaped = parse_escape(src, pos, limit)
        if escaped is not None:
            pos = escaped[1]
            continue
        tag = parse_tag(src, pos, limit)
        if tag is None:
            pos += 2
            continue
        yield tag
        pos = tag.end


def find_closing(src: str, pos: int, limit: int, name: str) -> ShortcodeTag | None:
    """The ``{{< /name >}}`` that closes a *name* opened before *pos* (nested pairs counted).

    This scans to the end of the text when there is none; ``pairs.PairIndex`` answers the same
    question for every tag of a text in one pass."""
    return closing_among(iter_tags(src, pos, limit), name)


def closing_among(tags: Iterable[ShortcodeTag], name: str) -> ShortcodeTag | None:
    """The first of *tags* that closes a *name* opened before them (nested pairs counted)."""
    depth = 0
    for tag in tags:
        if tag.name == name and tag.closing:
            if depth == 0:
                return tag
            depth -= 1
        elif tag.name == name and not tag.self_closing:
            depth += 1
    return None
