"""Tables as Goldmark reads them: a row indented four spaces or more is still a row.

Goldmark finds tables in the lines of a paragraph, and an indented code block cannot interrupt
a paragraph, so in Goldmark (and so in Hugo) ``    Bob | 27`` under a table header is one more
row, even when it looks like a list item, a quote or a fence. markdown-it's table rule ends the
table there instead, and the line becomes a code block. The delimiter row itself may not be
indented that far, in both.

The rule below runs markdown-it's own table rule, telling it — and only it, not the rules it
asks whether a line ends the table, which still see indented lines as code and so do not end it
— that body lines are never code.
"""

from __future__ import annotations

import sys

from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock


def goldmark_table_rows(md: MarkdownIt) -> None:
    """Replace markdown-it's ``table`` block rule with one that keeps indented rows in the table."""
    ruler = md.block.ruler
    rule = ruler.__rules__[ruler.__find__("table")]
    original = rule.fn
    code = original.__code__

    def table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        def is_code_block(line: int) -> bool:
            if line >= start + 2 and sys._getframe(1).f_code is code:  # a body row, asked by the table rule
                return False
            return StateBlock.is_code_block(state, line)

        state.is_code_block = is_code_block  # type: ignore[method-assign]
        try:
            return bool(original(state, start, end, silent))
        finally:
            del state.is_code_block

    ruler.at("table", table, {"alt": list(rule.alt)})
