"""The one configured markdown-it instance.

The digest parser and the renderer use the same parser configuration, so the heading ids
the parser records are the ids the rendered page carries.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .text import find_urls


def create_markdown(*, allow_html: bool = False, linkify: bool = False) -> MarkdownIt:
    """A CommonMark parser with the GitHub extensions Hugo's Goldmark enables by default.

    ``allow_html`` mirrors Hugo's ``markup.goldmark.renderer.unsafe`` (off by default).
    ``linkify`` turns bare URLs into links, including those glued to Chinese text or after
    a full-width colon, and ends them at CJK punctuation (linkify-it-py would swallow
    ``）和``). Heading ids come from mdit-py-plugins' anchors plugin, which matches Hugo's
    ids on Chinese headings (``训练范式``, a repeat gets ``训练范式-1``).
    """
    md = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(dollarmath_plugin, double_inline=True)
    md.use(anchors_plugin, min_level=1, max_level=6)
    if linkify:
        md.core.ruler.after("inline", "cjk_linkify", _linkify)
    return md


def _link_tokens(url: str, level: int) -> list[Token]:
    link_open = Token("link_open", "a", 1, level=level, markup="linkify", info="auto")
    link_open.attrs = {"href": url}
    text = Token("text", "", 0, level=level + 1, content=url)
    return [link_open, text, Token("link_close", "a", -1, level=level, markup="linkify", info="auto")]


def _linkify(state: StateCore) -> None:
    """Split text tokens outside links at bare URLs and wrap each URL in a link."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        depth = 0
        for child in block.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            if child.type != "text" or depth > 0:
                children.append(child)
                continue
            pos = 0
            for start, end, url in find_urls(child.content):
                if not state.md.validateLink(url):
                    continue
                if start > pos:
                    children.append(Token("text", "", 0, level=child.level, content=child.content[pos:start]))
                children.extend(_link_tokens(url, child.level))
                pos = end
            if pos == 0:
                children.append(child)
            elif pos < len(child.content):
                children.append(Token("text", "", 0, level=child.level, content=child.content[pos:]))
        block.children = children
