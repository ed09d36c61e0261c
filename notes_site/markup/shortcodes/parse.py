"""Hugo shortcodes as a markdown-it plugin: block, inline and link-destination rules that turn
tags into ``shortcode`` / ``shortcode_open`` / ``shortcode_close`` / ``shortcode_escape`` tokens.

A shortcode alone on its line (or a pair whose tags start and end lines) is a block; anywhere
else it is inline. Unlike Hugo, which expands shortcodes before markdown, shortcodes inside
code spans and code blocks are left as written: this plugin only sees what markdown-it hands
its rules, so nothing is regex-replaced over the body.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from notes_site.base.limits import LIMITS
from notes_site.markup.shortcodes.pairs import PairIndex, pair_index
from notes_site.markup.shortcodes.syntax import (
    ShortcodeTag,
    _skip_space,
    parse_escape,
    parse_tag,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def _line_of(state: StateBlock, pos: int, first: int) -> int:
    """The line (index into the block state's marks) that holds offset *pos*."""
    line = first
    while line + 1 < state.lineMax and state.bMarks[line + 1] <= pos:
        line += 1
    return line


def _lex_raw(src: str, start: int, end: int, pairs: PairIndex, depth: int) -> list[Token]:
    """The inner text ``src[start:end]`` of a ``{{< >}}`` pair: raw text pieces, escapes and nested
    shortcodes.

    Each token's ``map`` holds its line relative to *start*. The text is read in place (offsets
    into *src*), so nested pairs share one :class:`PairIndex` table. Below
    :attr:`~notes_site.base.limits.Limits.shortcode_depth` nested pairs the text stays raw
    (``meta["too_deep"]``).
    """
    if depth > LIMITS.shortcode_depth:
        return [Token("shortcode_raw", "", 0, content=src[start:end], map=[0, 1], meta={"too_deep": True})]
    tokens: list[Token] = []
    pos = plain = start
    line = 0

    def flush(upto: int) -> None:
        nonlocal line
        if upto > plain:
            tokens.append(Token("shortcode_raw", "", 0, content=src[plain:upto], map=[line, line + 1]))
            line += src.count("\n", plain, upto)

    while (pos := src.find("{{", pos, end)) >= 0:
        escaped = parse_escape(src, pos, end)
        tag = None if escaped else parse_tag(src, pos, end)
        if escaped is not None:
            flush(pos)
            tokens.append(Token("shortcode_escape", "", 0, content=escaped[0], map=[line, line + 1]))
            line += src.count("\n", pos, escaped[1])
            pos = plain = escaped[1]
        elif tag is not None and not tag.closing:
            flush(pos)
            token = Token("shortcode", "", 0, map=[line, line + 1])
            after = _fill_call(token, src, tag, end, pairs, depth)
            tokens.append(token)
            line += src.count("\n", pos, after)
            pos = plain = after
        else:
            pos += 2
    flush(end)
    return tokens


def _fill_call(
    token: Token, src: str, tag: ShortcodeTag, limit: int, pairs: PairIndex, depth: int = 0
) -> int:
    """Make *token* the call of *tag* (with its raw inner content when paired); return its end."""
    token.meta = {"tag": tag, "inner_line": src.count("\n", tag.start, tag.end)}
    closing = None if tag.self_closing else pairs.closing(src, tag.end, limit, tag.name)
    if closing is None:
        token.meta["newlines"] = token.meta["inner_line"]
        return tag.end
    token.content = src[tag.end : closing.start]
    token.meta["paired"] = True
    token.meta["newlines"] = src.count("\n", tag.start, closing.end)
    if not tag.markdown:
        token.children = _lex_raw(src, tag.end, closing.start, pairs, depth + 1)
    return closing.end


def _shift_maps(tokens: Sequence[Token], base: int) -> None:
    """Turn the relative lines of tokens lexed from a raw inner text into body lines."""
    for token in tokens:
        if token.map is not None:
            token.map = [base + token.map[0], base + token.map[0] + 1]
        if token.type == "shortcode" and token.children and token.map is not None:
            _shift_maps(token.children, token.map[0] + int(token.meta.get("inner_line", 0)))


def _shortcode_inline(state: StateInline, silent: bool) -> bool:
    """A shortcode or an escape inside a paragraph."""
    src, pos, limit = state.src, state.pos, state.posMax
    if not src.startswith("{{", pos):
        return False
    escaped = parse_escape(src, pos, limit)
    if escaped is not None:
        if not silent:
            state.push("shortcode_escape", "", 0).content = escaped[0]
        state.pos = escaped[1]
        return True
    tag = parse_tag(src, pos, limit)
    if tag is None:
        return False
    if silent:
        state.pos = tag.end
        return True
    pairs = pair_index(state.env)
    meta = {"tag": tag, "newlines": src.count("\n", pos, tag.end)}
    if tag.closing:
        names = pairs.open_names(state)
        # A close without its open stays a plain token so markdown-it's nesting stays balanced.
        kind = "shortcode_close" if names and names[-1] == tag.name else "shortcode_stray"
        state.push(kind, "", -1 if kind == "shortcode_close" else 0).meta = meta
        state.pos = tag.end
        return True
    closing = None if tag.self_closing else pairs.closing(src, tag.end, limit, tag.name)
    if tag.markdown and closing is not None:
        # The inner markdown is parsed in place; the renderer gathers it up to the close.
        token = state.push("shortcode_open", "", 1)
        token.meta = {**meta, "inner_source": src[tag.end : closing.start], "inner_line": meta["newlines"]}
        state.pos = tag.end
        return True
    token = state.push("shortcode", "", 0)
    state.pos = _fill_call(token, src, tag, limit, pairs)
    return True


def _shortcode_link(state: StateInline, silent: bool) -> bool:
    """``[text]({{< ref "x" >}})``: a link whose destination is a shortcode's output.

    Hugo expands the shortcode before markdown sees the link; here the link is parsed with
    the tag as its destination and the shortcode is rendered when the link is.
    """
    if state.src[state.pos] != "[":
        return False
    label_end = state.md.helpers.parseLinkLabel(state, state.pos, True)
    if label_end < 0:
        return False
    src, limit = state.src, state.posMax
    pos = label_end + 1
    if pos >= limit or src[pos] != "(":
        return False
    pos = _skip_space(src, pos + 1, limit)
    tag = parse_tag(src, pos, limit)
    if tag is None or tag.closing:
        return False
    pos = _skip_space(src, tag.end, limit)
    title = ""
    if pos > tag.end:
        result = state.md.helpers.parseLinkTitle(src, pos, limit)
        if result.ok:
            title = result.str
            pos = _skip_space(src, result.pos, limit)
    if pos >= limit or src[pos] != ")":
        return False
    if not silent:
        old_max = state.posMax
        state.pos = state.pos + 1
        state.posMax = label_end
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": ""}
        if title:
            token.attrSet("title", title)
        token.meta = {"tag": tag, "newlines": 0}
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.push("link_close", "a", -1)
        state.posMax = old_max
    state.pos = pos + 1
    return True


def _shortcode_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A shortcode (or a pair) that starts a line and ends one."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    src = state.src
    pos = state.bMarks[start_line] + state.tShift[start_line]
    limit = state.eMarks[end_line - 1]
    if not src.startswith(("{{<", "{{%"), pos) or parse_escape(src, pos, limit) is not None:
        return False
    tag = parse_tag(src, pos, limit)
    if tag is None:
        return False
    if tag.closing:
        # A matched closing tag is consumed with its opening, so one seen here has none:
        # the renderer reports it.
        last = _line_of(state, tag.end, start_line)
        if src[tag.end : state.eMarks[last]].strip():
            return False
        if not silent:
            stray = state.push("shortcode_stray", "", 0)
            stray.meta = {"tag": tag}
            stray.map = [start_line, last + 1]
            state.line = last + 1
        return True
    pairs = pair_index(state.env)
    closing = None if tag.self_closing else pairs.closing(src, tag.end, limit, tag.name)
    end = closing.end if closing else tag.end
    last = _line_of(state, end, start_line)
    if src[end : state.eMarks[last]].strip():
        return False  # text after the shortcode: it is part of a paragraph
    if silent:
        return True
    tag_line = _line_of(state, tag.end, start_line)
    if (
        closing is not None
        and tag.markdown
        and not src[tag.end : state.eMarks[tag_line]].strip()
        and not src[state.bMarks[last] : closing.start].strip()
        and last > tag_line
    ):
        # {{% name %}} … {{% /name %}} on their own lines: the inner lines are markdown blocks.
        token = state.push("shortcode_open", "", 1)
        token.map = [start_line, last + 1]
        token.meta = {
            "tag": tag,
            "inner_source": src[tag.end : closing.start],
            "inner_line": src.count("\n", tag.start, tag.end),
        }
        old_max = state.lineMax
        state.lineMax = last  # the inner blocks end at the closing tag's line
        state.md.block.tokenize(state, tag_line + 1, last)
        state.lineMax = old_max
        close = state.push("shortcode_close", "", -1)
        close.meta = {"tag": closing}
        close.map = [last, last + 1]
    elif closing is not None and tag.markdown:
        # {{% name %}}inline markdown{{% /name %}} on one line.
        token = state.push("shortcode_open", "", 1)
        token.map = [start_line, last + 1]
        token.meta = {"tag": tag, "inner_source": src[tag.end : closing.start]}
        inline = state.push("inline", "", 0)
        inline.content = src[tag.end : closing.start].strip()
        inline.map = [tag_line, last + 1]
        inline.children = []
        close = state.push("shortcode_close", "", -1)
        close.meta = {"tag": closing}
    else:
        token = state.push("shortcode", "", 0)
        _fill_call(token, src, tag, limit, pairs)
        token.map = [start_line, last + 1]
        if token.children:
            _shift_maps(token.children, start_line + int(token.meta["inner_line"]))
    state.line = last + 1
    return True


def _set_lines(state: StateCore) -> None:
    """Give inline shortcodes (and math) the body line they are on, counted from their block."""
    for block in state.tokens:
        if block.type != "inline" or not block.children or block.map is None:
            continue
        line = block.map[0]
        for child in block.children:
            child.map = [line, line + 1]
            if child.type == "shortcode" and child.children:
                _shift_maps(child.children, line + int(child.meta.get("inner_line", 0)))
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type.startswith("shortcode") or child.type == "link_open":
                line += int(child.meta.get("newlines", 0))


def unescape(text: str) -> str:
    """*text* with every escape ``{{</* x */>}}`` printed as ``{{< x >}}``."""
    if "{{" not in text:
        return text
    out: list[str] = []
    pos = 0
    while (found := text.find("{{", pos)) >= 0:
        escaped = parse_escape(text, found)
        if escaped is None:
            out.append(text[pos : found + 2])
            pos = found + 2
            continue
        out.append(text[pos:found] + escaped[0])
        pos = escaped[1]
    return "".join(out) + text[pos:]


def _unescape_code(state: StateCore) -> None:
    """Hugo reads shortcode escapes before Markdown, so they are printed inside code too."""
    for token in state.tokens:
        if token.type in ("fence", "code_block"):
            token.content = unescape(token.content)
        for child in token.children or ():
            if child.type == "code_inline":
                child.content = unescape(child.content)


def shortcodes_plugin(md: MarkdownIt) -> None:
    """Parse Hugo shortcodes into ``shortcode`` / ``shortcode_open`` / ``shortcode_close`` /
    ``shortcode_escape`` tokens (rendering is the renderer's job: see ``markdown.py``)."""
    md.block.ruler.before(
        "html_block", "shortcode", _shortcode_block, {"alt": ["paragraph", "reference", "blockquote"]}
    )
    md.inline.ruler.before("link", "shortcode_link", _shortcode_link)
    md.inline.ruler.before("escape", "shortcode", _shortcode_inline)
    md.core.ruler.after("inline", "shortcode_lines", _set_lines)
    md.core.ruler.push("shortcode_escapes_in_code", _unescape_code)
