"""Hugo's ``markup.goldmark.extensions.passthrough``: text between the configured delimiters
(``\\(…\\)``, ``$$…$$`` …) is not Markdown. Hugo writes it out as written, for a script such as
MathJax to find; notes-site renders it as MathML (``math.py``), or, with ``math`` off (the
parity harness), writes it out as Hugo does. A block delimiter inside a paragraph splits the
paragraph there, as in Hugo.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from notes_site.markup.renderer import MarkupRenderer


def _inline_rule(pairs: Sequence[tuple[str, str, bool]], math: bool):  # type: ignore[no-untyped-def]
    def passthrough_inline(state: StateInline, silent: bool) -> bool:
        for opener, closer, block in pairs:
            if not state.src.startswith(opener, state.pos):
                continue
            end = state.src.find(closer, state.pos + len(opener), state.posMax)
            if end < 0 or end == state.pos + len(opener):
                continue
            if not silent:
                inner = state.src[state.pos + len(opener) : end]
                if math:
                    token = state.push("math_inline_double" if block else "math_inline", "math", 0)
                    token.content = inner
                else:
                    token = state.push("passthrough_block" if block else "passthrough", "", 0)
                    token.content = state.src[state.pos : end + len(closer)]
            state.pos = end + len(closer)
            return True
        return False

    return passthrough_inline


def _block_rule(pairs: Sequence[tuple[str, str]], math: bool):  # type: ignore[no-untyped-def]
    def passthrough_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if state.sCount[start] - state.blkIndent >= 4:
            return False
        pos = state.bMarks[start] + state.tShift[start]
        for opener, closer in pairs:
            if not state.src.startswith(opener, pos):
                continue
            close = state.src.find(closer, pos + len(opener))
            if close < 0:
                continue
            last = start
            while last < end and state.eMarks[last] < close + len(closer):
                last += 1
            if last >= end or state.src[close + len(closer) : state.eMarks[last]].strip():
                continue  # text after the closing delimiter: part of a paragraph
            if silent:
                return True
            inner = state.src[pos + len(opener) : close]
            token = state.push("math_block" if math else "passthrough_block", "math" if math else "", 0)
            token.content = inner if math else state.src[pos : close + len(closer)]
            token.block = True
            token.map = [start, last + 1]
            state.line = last + 1
            return True
        return False

    return passthrough_block


def render_passthrough(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return tokens[idx].content


def render_passthrough_block(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    if token.block:
        return token.content + "\n"
    return "</p>\n" + token.content + "<p>"  # a block delimiter inside a paragraph splits it


def passthrough_plugin(
    md: MarkdownIt, block: Sequence[tuple[str, str]], inline: Sequence[tuple[str, str]], math: bool
) -> None:
    """Recognise Hugo's passthrough delimiters (before escapes and dollar math)."""
    pairs = [(o, c, True) for o, c in block] + [(o, c, False) for o, c in inline]
    md.inline.ruler.before("escape", "passthrough", _inline_rule(pairs, math))
    if block:
        md.block.ruler.before(
            "paragraph", "passthrough_block", _block_rule(list(block), math), {"alt": ["paragraph"]}
        )
    md.add_render_rule("passthrough", render_passthrough)
    md.add_render_rule("passthrough_block", render_passthrough_block)
