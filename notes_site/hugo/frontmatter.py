"""Split a content file into front matter and body, the way Hugo's page lexer does.

Hugo (``parser/pageparser/pagelexer_intro.go``) skips a byte-order mark and leading white
space, then looks at the first character: ``+`` opens TOML (``+++``), ``-`` opens YAML
(``---``) and ``{`` opens JSON. A ``+`` or ``-`` that is not followed by two more is an
error ("invalid YAML delimiter": a Markdown file starting with ``- item`` does not build in
Hugo, checked with hugo v0.168). The closing delimiter is the first line that *starts*
with the same three characters; the rest of that line is not front matter.

Parsing the block is left to python-frontmatter's handler classes (YAML and JSON as they
come, TOML through :class:`TomliHandler`, because the library's own TOML handler needs
the old ``toml`` package). Line numbers in error messages are lines of the whole file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

import tomli
import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler

from notes_site.base.errors import ContentError, Diagnostic
from notes_site.base.limits import LIMITS, Limits, size_text
from notes_site.hugo.bounded import TooLargeError, load_yaml, parse_bounded

FrontMatterFormat = Literal["toml", "yaml", "json"]


_BOM = "\ufeff"


YAML_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The loader python-frontmatter's YAML handler uses (libyaml's when installed)."""


class TomliHandler(BaseHandler):
    """python-frontmatter handler for ``+++`` TOML front matter, parsed with tomli."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        """Parse TOML text; dates and date-times come back as ``date``/``datetime`` objects."""
        return tomli.loads(fm)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        """Writing TOML is not needed by notes-site."""
        raise NotImplementedError("notes-site never writes TOML front matter")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A content file cut into its front matter and its body."""

    format: FrontMatterFormat | None
    """Which front matter syntax the file uses; None when it has no front matter."""
    data: dict[str, Any]
    """The parsed front matter, keys as written; empty without front matter."""
    body: str
    """Everything after the closing delimiter (and its line break)."""
    body_line: int
    """1-based line of the original file on which ``body`` starts."""
    raw: str = ""
    """The front matter text between the delimiters (JSON: including the braces)."""
    raw_line: int = 0
    """1-based file line on which ``raw`` starts; 0 without front matter."""


def _line_at(text: str, offset: int) -> int:
    """1-based line number of character ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def _error(source: str, line: int, message: str, hint: str, code: str) -> ContentError:
    return ContentError(Diagnostic(source, line, "error", message, hint, code))


def _skip_intro(text: str) -> int:
    """Offset of the first character that is neither white space nor a byte-order mark."""
    pos = 0
    while pos < len(text) and (text[pos] == _BOM or text[pos] in " \t\r\n"):
        pos += 1
    return pos


def _after_line_break(text: str, pos: int) -> int:
    """``pos`` moved past one ``\\n`` or ``\\r\\n`` if there is one there (Hugo's consumeCRLF)."""
    if text.startswith("\r\n", pos):
        return pos + 2
    if text.startswith("\n", pos):
        return pos + 1
    return pos


def _split_delimited(text: str, start: int, delim: str, name: str, source: str) -> tuple[int, int, int]:
    """Find a ``+++``/``---`` block opening at ``start``: (content start, content end, body start)."""
    if not text.startswith(delim, start):
        raise _error(
            source,
            _line_at(text, start),
            f"invalid {name} delimiter: the file starts with {text[start]!r} but not with {delim!r}",
            f"Hugo reads a leading {text[start]!r} as front matter; open it with {delim!r} on its own line, "
            "or start the file with something else (e.g. a blank paragraph or a heading)",
            "bad-front-matter-delimiter",
        )
    content_start = _after_line_break(text, start + 3)
    # Hugo looks for the closing delimiter at the start of every line after the opening one
    # (or right away when the opening line ended there).
    line_start = content_start if content_start != start + 3 else text.find("\n", content_start) + 1
    while 0 < line_start <= len(text):
        if text.startswith(delim, line_start):
            return content_start, line_start, _after_line_break(text, line_start + 3)
        nxt = text.find("\n", line_start)
        if nxt == -1:
            break
        line_start = nxt + 1
    raise _error(
        source,
        _line_at(text, start),
        f"{name} front matter opened with {delim!r} is never closed",
        f'did you forget the closing "{delim}"?',
        "unclosed-front-matter",
    )


def _split_json(text: str, start: int, source: str) -> tuple[int, int, int]:
    """Find the JSON object opening at ``start`` the way Hugo does (brace counting outside strings)."""
    level = 0
    in_quote = False
    pos = start
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos += 2
            continue
        if char == '"':
            in_quote = not in_quote
        elif char == "{" and not in_quote:
            level += 1
        elif char == "}" and not in_quote:
            level -= 1
            if level == 0:
                end = pos + 1
                return start, end, _after_line_break(text, end)
        pos += 1
    raise _error(
        source,
        _line_at(text, start),
        "JSON front matter opened with '{' is never closed",
        'did you forget the closing "}"? (the whole front matter must be one JSON object)',
        "unclosed-front-matter",
    )


def _parse_block(
    fmt: FrontMatterFormat, raw: str, raw_line: int, source: str, limits: Limits
) -> dict[str, Any]:
    """Parse the front matter text with the matching handler; errors name the file line.

    Sizes are bounded (:mod:`notes_site.hugo.bounded`): YAML alias bombs, deep nesting and
    front matter over :attr:`~notes_site.base.limits.Limits.front_matter_bytes` are refused."""
    handler: BaseHandler
    size = len(raw.encode("utf-8", "surrogatepass"))
    if size > limits.front_matter_bytes:
        raise _error(
            source,
            raw_line,
            f"front matter is {size_text(size)}, over the limit of {size_text(limits.front_matter_bytes)}",
            "keep long text in the body; front matter is for short fields",
            "bad-front-matter",
        )
    try:
        if fmt == "toml":
            handler = TomliHandler()
            value = parse_bounded(handler.load, raw, limits)
        elif fmt == "yaml":
            value = load_yaml(raw, YAML_LOADER, limits)
        else:
            handler = JSONHandler()
            value = parse_bounded(handler.load, raw, limits)
    except TooLargeError as exc:
        raise _error(source, raw_line + exc.line, exc.message, exc.hint, "bad-front-matter") from exc
    except tomli.TOMLDecodeError as exc:
        line = raw_line + (exc.lineno - 1 if exc.lineno else 0)
        raise _error(
            source,
            line,
            f"TOML front matter does not parse: {exc.msg}",
            'check quoting and "key = value" syntax on this line (strings need double quotes)',
            "bad-front-matter",
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = raw_line + mark.line if mark is not None else raw_line
        problem = getattr(exc, "problem", None) or str(exc)
        raise _error(
            source,
            line,
            f"YAML front matter does not parse: {problem}",
            'check indentation and quoting on this line (a value containing ": " must be quoted)',
            "bad-front-matter",
        ) from exc
    except json.JSONDecodeError as exc:
        raise _error(
            source,
            raw_line + exc.lineno - 1,
            f"JSON front matter does not parse: {exc.msg}",
            "check commas and double quotes on this line (JSON allows no trailing commas)",
            "bad-front-matter",
        ) from exc
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _error(
            source,
            raw_line,
            f"{fmt.upper()} front matter is a {type(value).__name__}, not a set of keys",
            'write front matter as "key: value" lines (YAML) or "key = value" lines (TOML)',
            "bad-front-matter",
        )
    return {str(key): item for key, item in value.items()}


def split_front_matter(text: str, source: str, limits: Limits = LIMITS) -> FrontMatter:
    """Cut ``text`` (a whole content file) into front matter and body.

    ``source`` names the file in error messages. Raises :class:`ContentError` for front
    matter Hugo would refuse, with the line of the problem in the file.
    """
    start = _skip_intro(text)
    first = text[start] if start < len(text) else ""
    fmt: FrontMatterFormat
    if first == "+":
        fmt = "toml"
        c_start, c_end, body_start = _split_delimited(text, start, "+++", "TOML", source)
    elif first == "-":
        fmt = "yaml"
        c_start, c_end, body_start = _split_delimited(text, start, "---", "YAML", source)
    elif first == "{":
        fmt = "json"
        c_start, c_end, body_start = _split_json(text, start, source)
    else:
        body = text[1:] if text.startswith(_BOM) else text
        return FrontMatter(None, {}, body, 1)
    raw = text[c_start:c_end]
    raw_line = _line_at(text, c_start)
    data = _parse_block(fmt, raw, raw_line, source, limits)
    return FrontMatter(fmt, data, text[body_start:], _line_at(text, body_start), raw, raw_line)


_KEY_PATTERNS: dict[FrontMatterFormat, str] = {
    "toml": r"^[ \t]*[\"']?{key}[\"']?[ \t]*=",
    "yaml": r"^[ \t]*[\"']?{key}[\"']?[ \t]*:",
    "json": r"\"{key}\"[ \t]*:",
}


def key_line(front_matter: FrontMatter, key: str) -> int:
    """File line on which ``key`` is set in the front matter (case-insensitive).

    Falls back to the first front matter line (or 1) when the key cannot be found, e.g.
    because it sits inside a nested table.
    """
    if front_matter.format is None:
        return 1
    pattern = re.compile(
        _KEY_PATTERNS[front_matter.format].format(key=re.escape(key)), re.IGNORECASE | re.MULTILINE
    )
    match = pattern.search(front_matter.raw)
    if match is None:
        return max(front_matter.raw_line, 1)
    return front_matter.raw_line + front_matter.raw.count("\n", 0, match.start())
