"""Code highlighting with Pygments: CSS classes in the HTML, one stylesheet for light and dark.

Fenced code (```` ```python {linenos=table,hl_lines=[2]} ````) and the ``highlight``
shortcode (``{{< highlight go "linenos=table,hl_lines=8 15-17" >}}``) share these
functions, and both accept Hugo's option names. The HTML carries class names only, so the
theme switches colours with CSS: ``templates/static/pygments.css`` holds a light style and a
dark one, the dark one applying when the reader's system is dark (unless the page is forced
light with ``<html data-theme="light">``) or when the page is forced dark.

Regenerate the stylesheet with ``python -m notes_site.markup.highlight templates/static/pygments.css``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

LIGHT_STYLE = "friendly"
"""The Pygments style for light pages."""


DARK_STYLE = "github-dark"
"""The Pygments style for dark pages."""


_CSS_CLASS = "highlight"


_OPTION_RE = re.compile(r"""([A-Za-z_]+)\s*=\s*(\[[^\]]*\]|"[^"]*"|'[^']*'|[^,\s}]+)""")


_LINES_RE = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")


# Selectors under which the dark style applies (see the module docstring).
_DARK_SYSTEM = ':root:not([data-theme="light"])'


_DARK_FORCED = ':root[data-theme="dark"]'


@dataclass(frozen=True, slots=True)
class HighlightOptions:
    """Hugo's highlighting options that change the HTML."""

    linenos: Literal["table", "inline"] | None = None
    """Line numbers in a table beside the code, inline before each line, or none."""
    hl_lines: tuple[int, ...] = ()
    """1-based line numbers (counted from the first line of the block) to emphasise."""
    linenostart: int = 1
    """The number shown for the first line."""


def parse_options(text: str) -> HighlightOptions:
    """Read Hugo's option syntax, from a shortcode (``linenos=table,hl_lines=8 15-17``) or a
    fence's attributes (``{linenos=true, hl_lines=[2,"4-5"], linenostart=10}``).

    Unknown options are ignored, as Hugo ignores the ones it does not know.
    """
    text = text.strip()
    if text.startswith("{"):
        pairs = [(m.group(1), m.group(2)) for m in _OPTION_RE.finditer(text)]
    else:
        pairs = []
        for part in text.split(","):
            key, sep, value = part.partition("=")
            if sep:
                pairs.append((key.strip(), value.strip()))
    linenos: Literal["table", "inline"] | None = None
    hl_lines: list[int] = []
    start = 1
    for key, raw in pairs:
        value = raw.strip("\"'")
        name = key.lower()
        if name == "linenos":
            flag = value.lower()
            linenos = "inline" if flag == "inline" else ("table" if flag in ("true", "table") else None)
        elif name == "hl_lines":
            for match in _LINES_RE.finditer(value):
                first = int(match.group(1))
                last = int(match.group(2) or first)
                hl_lines.extend(range(first, last + 1))
        elif name == "linenostart" and value.isdigit():
            start = int(value)
    return HighlightOptions(linenos=linenos, hl_lines=tuple(hl_lines), linenostart=start)


def find_lexer(lang: str) -> Lexer | None:
    """The Pygments lexer for a fence's language name, or None when Pygments has none."""
    if not lang:
        return None
    try:
        return get_lexer_by_name(lang.lower(), stripnl=False, ensurenl=True)
    except ClassNotFound:
        return None


def highlight_code(code: str, lang: str, options: HighlightOptions | None = None) -> Markup | None:
    """*code* as ``<div class="highlight"><pre>…`` with Pygments' CSS classes.

    Returns None when *lang* is empty or unknown to Pygments: the caller then shows the
    code as plain escaped text.
    """
    lexer = find_lexer(lang)
    if lexer is None:
        return None
    options = options or HighlightOptions()
    formatter = HtmlFormatter(
        cssclass=_CSS_CLASS,
        wrapcode=True,
        linenos=options.linenos or False,
        hl_lines=list(options.hl_lines),
        linenostart=options.linenostart,
    )
    html = highlight(code, lexer, formatter)
    if options.linenos == "table":
        # A line break between the numbers' cell and the code's, as Chroma writes: the page's
        # plain text (summaries, word counts) then has "3 package", not "3package".
        html = html.replace('</td><td class="code">', '</td>\n<td class="code">', 1)
    return Markup(html)


def _scoped_defs(style: str, scope: str) -> list[str]:
    """Every rule of *style*, each selector under ``<scope> .highlight``.

    Pygments' own line-number rules are unscoped (``pre { … }``, ``span.linenos``); they are
    scoped here so the stylesheet changes nothing outside highlighted blocks.
    """
    formatter = HtmlFormatter(style=style, cssclass=_CSS_CLASS)
    prefix = f"{scope} .{_CSS_CLASS}".strip()
    lines = [f"{prefix} {line}" for line in formatter.get_linenos_style_defs() if not line.startswith("pre ")]
    lines.extend(formatter.get_background_style_defs(prefix))
    lines.extend(formatter.get_token_style_defs(prefix))
    return lines


def pygments_css(light: str = LIGHT_STYLE, dark: str = DARK_STYLE) -> str:
    """One stylesheet: *light* by default, *dark* for dark systems and ``data-theme="dark"``.

    Before the dark token rules, a reset clears the light style's bold, italic, borders and
    backgrounds, which the dark style would otherwise inherit for tokens it leaves plain.
    """
    reset = "{ font-weight: normal; font-style: normal; border: none; background-color: transparent; }"
    out = [
        "/* Generated by notes_site.markup.highlight from Pygments styles "
        f"{light!r} (light) and {dark!r} (dark).",
        "   Regenerate: python -m notes_site.markup.highlight templates/static/pygments.css */",
        *_scoped_defs(light, ""),
        "",
        "@media (prefers-color-scheme: dark) {",
        f"  {_DARK_SYSTEM} .{_CSS_CLASS} span {reset}",
        *(f"  {line}" for line in _scoped_defs(dark, _DARK_SYSTEM)),
        "}",
        "",
        f"{_DARK_FORCED} .{_CSS_CLASS} span {reset}",
        *_scoped_defs(dark, _DARK_FORCED),
    ]
    return "\n".join(out) + "\n"


def write_pygments_css(path: Path, light: str = LIGHT_STYLE, dark: str = DARK_STYLE) -> None:
    """Write :func:`pygments_css` to *path* (UTF-8, ``\\n`` line ends)."""
    path.write_text(pygments_css(light, dark), encoding="utf-8", newline="\n")


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    write_pygments_css(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/static/pygments.css"))
