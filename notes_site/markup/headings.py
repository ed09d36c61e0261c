"""Goldmark's heading attributes: ``## Title {#id .class key=value}`` sets the heading's id and class."""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore

# Goldmark's heading attributes: ``## Title {#id .class key=value}`` at the end of a heading.
_HEADING_ATTRS_RE = re.compile(
    r"\s*\{\s*((?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
    r"(?:\s+(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*)\s*\}\s*$"
)


_ATTR_ITEM_RE = re.compile(r"([#.])([\w-]+)|([\w-]+)=(?:\"([^\"]*)\"|'([^']*)'|([^\s}]+))")


def heading_attributes(state: StateCore) -> None:
    """Move a trailing ``{#id .class}`` from a heading's text onto the heading, as Hugo does.

    Runs before the anchors rule, which keeps an explicit id and never reuses it.
    """
    for index, token in enumerate(state.tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = state.tokens[index + 1]
        children = inline.children or []
        if not children or children[-1].type != "text":
            continue
        match = _HEADING_ATTRS_RE.search(children[-1].content)
        if match is None:
            continue
        children[-1].content = children[-1].content[: match.start()]
        inline.content = inline.content[
            : len(inline.content.rstrip()) - len(match.group(0).rstrip())
        ].rstrip()
        classes = []
        for item in _ATTR_ITEM_RE.finditer(match.group(1)):
            marker, name, key = item.group(1), item.group(2), item.group(3)
            if marker == "#":
                token.attrSet("id", name)
            elif marker == ".":
                classes.append(name)
            elif key:
                token.attrSet(key, next(v for v in item.group(4, 5, 6) if v is not None))
        if classes:
            token.attrSet("class", " ".join(classes))
