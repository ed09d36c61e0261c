"""Bare URLs as links, also where they are glued to Chinese text, ending at CJK punctuation."""

from __future__ import annotations

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from notes_site.base.text import find_urls


def _link_tokens(url: str, level: int) -> list[Token]:
    link_open = Token("link_open", "a", 1, level=level, markup="linkify", info="auto")
    link_open.attrs = {"href": url}
    text = Token("text", "", 0, level=level + 1, content=url)
    return [link_open, text, Token("link_close", "a", -1, level=level, markup="linkify", info="auto")]


def cjk_linkify(state: StateCore) -> None:
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
