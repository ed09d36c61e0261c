"""Markdown whose size would cost too much as tokens is shown as its source text instead.

markdown-it-py makes four tokens per table cell, about 1.7 KB of memory each: a 1 MB table of
500,000 small cells took 18 s and 850 MB. A table of more than
:attr:`~notes_site.base.limits.Limits.table_cells` cells, and a line longer than
:attr:`~notes_site.base.limits.Limits.line_chars`, are kept as one ``oversized`` token (shown
as preformatted text, with a warning naming the line); everything else parses as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from notes_site.base.limits import LIMITS
from notes_site.markup.renderer import MarkupRenderer, diagnose

_DELIMITER_ROW_RE = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*")


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _table_end(state: StateBlock, start: int, end: int) -> int | None:
    """The line after a table starting at *start* that has too many cells; None otherwise."""
    if start + 1 >= end or state.sCount[start + 1] - state.blkIndent >= 4:
        return None
    delimiter = _line(state, start + 1)
    if "-" not in delimiter or not _DELIMITER_ROW_RE.fullmatch(delimiter):
        return None
    columns = max(1, len(delimiter.strip().strip("|").split("|")))
    line = start + 2
    while line < end and _line(state, line).strip() and state.sCount[line] >= state.blkIndent:
        line += 1
    return line if columns * (line - start - 1) > LIMITS.table_cells else None


def _oversized(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A table with too many cells, or a line too long, as one ``oversized`` token."""
    last = _table_end(state, start, end)
    what = "table"
    if last is None:
        if state.eMarks[start] - state.bMarks[start] <= LIMITS.line_chars:
            return False
        last, what = start + 1, "line"
    if silent:
        return True
    token = state.push("oversized", "pre", 0)
    token.content = state.getLines(start, last, state.blkIndent, True)
    token.map = [start, last]
    token.info = what
    state.line = last
    return True


def render_oversized(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    if token.info == "table":
        limit = f"{LIMITS.table_cells:,} cells"
        message = f"table of more than {limit}: shown as its source text"
        hint = "split it into smaller tables"
    else:
        limit = f"{LIMITS.line_chars:,} characters"
        message = f"line longer than {limit}: shown as its source text"
        hint = "break it into shorter lines"
    diagnose(env, token, message, hint, "too-large")
    return f'<pre class="oversized">{escapeHtml(token.content)}</pre>\n'


def bounds_plugin(md: MarkdownIt) -> None:
    """Keep oversized tables and lines out of the token stream (see the module docstring)."""
    md.block.ruler.before("table", "oversized", _oversized, {"alt": ["paragraph", "reference"]})
    md.add_render_rule("oversized", render_oversized)
