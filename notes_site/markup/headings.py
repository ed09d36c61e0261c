"""Headings as Hugo's Goldmark makes them: attributes (``## Title {#id .class key=value}``) and ids
(``github``, ``github-ascii`` or ``blackfriday``, repeats numbered, explicit ids kept)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_TAG_RE = re.compile(r"<[^>]*>")

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


# --- heading ids, as Hugo's Goldmark makes them (markup/goldmark/autoid.go, render/TextPlain)


def _leaf_text(token: Token) -> str:
    """What one inline node adds to a heading's id text (Hugo's ``textPlainTo``)."""
    if token.type == "text":
        return html.unescape(token.meta["typographer"]) if "typographer" in token.meta else token.content
    if token.type == "code_inline":
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.type == "html_inline":
        return _TAG_RE.sub("", token.content).strip()
    if token.type == "image":
        return _first_text(token.children or [])
    if token.type.startswith("math_inline"):
        return f"${token.content}$"
    return ""


def _first_text(children: Sequence[Token]) -> str:
    """A container's text: its first child's only (Hugo's ``textPlainTo`` default case)."""
    if not children:
        return ""
    if children[0].nesting == 1:
        return _container_text(children, 0)[0]
    return _leaf_text(children[0])


def _container_text(children: Sequence[Token], index: int) -> tuple[str, int]:
    """(text, index after the close) of the container opening at *index*."""
    depth, close = 0, len(children) - 1
    for position in range(index, len(children)):
        depth += children[position].nesting
        if depth == 0:
            close = position
            break
    opener = children[index]
    if opener.type == "link_open" and opener.markup in ("linkify", "autolink"):
        return "", close + 1  # an autolink has no child nodes in goldmark
    return _first_text(children[index + 1 : close]), close + 1


def heading_plain_text(children: Sequence[Token]) -> str:
    """The text Hugo makes a heading's id from: top-level nodes in full, each container (emphasis,
    link, …) by its first child only; the last line of a multi-line heading."""
    parts: list[str] = []
    index = 0
    while index < len(children):
        token = children[index]
        if token.nesting == 1:
            text, index = _container_text(children, index)
            parts.append(text)
            continue
        parts.append(_leaf_text(token))
        index += 1
    return "".join(parts).split("\n")[-1]


def sanitize_anchor(text: str, id_type: str = "github") -> str:
    """Hugo's ``sanitizeAnchorName`` for ``github``, ``github-ascii`` and ``blackfriday`` ids."""
    if id_type == "blackfriday":
        out: list[str] = []
        dash = False
        for char in text:
            category = unicodedata.category(char)
            if category[0] == "L" or category[0] == "N":
                if dash and out:
                    out.append("-")
                dash = False
                out.append(_lower(char))
            else:
                dash = True
        return "".join(out)
    if id_type == "github-ascii":
        text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    kept: list[str] = []
    for char in text.strip():
        if id_type == "github-ascii" and not char.isascii():
            continue
        if char in "- ":
            kept.append("-")
        elif char == "_" or unicodedata.category(char)[0] == "L" or unicodedata.category(char) == "Nd":
            kept.append(_lower(char))
    return "".join(kept)


def _lower(char: str) -> str:
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


class HeadingIds:
    """Hugo's id factory for one page: empty ids become ``heading``, repeats get ``-1``, ``-2`` …"""

    def __init__(self, id_type: str) -> None:
        self.id_type = id_type
        self.seen: set[str] = set()

    def put(self, value: str) -> None:
        self.seen.add(value)

    def generate(self, text: str) -> str:
        value = sanitize_anchor(text, self.id_type) or "heading"
        if value in self.seen:
            number = 1
            while f"{value}-{number}" in self.seen:
                number += 1
            value = f"{value}-{number}"
        self.seen.add(value)
        return value


def heading_ids_rule(id_type: str = "github", auto: bool = True, terms: bool = False):  # type: ignore[no-untyped-def]
    """A core rule giving every heading Hugo's id (``autoHeadingID``/``autoHeadingIDType``), and
    with *terms* every definition-list term (``autoDefinitionTermID``), from the same ids."""

    def heading_ids(state: StateCore) -> None:
        ids = HeadingIds(id_type)
        for index, token in enumerate(state.tokens):
            is_term = terms and token.type == "dt_open"
            if token.type != "heading_open" and not is_term:
                continue
            explicit = token.attrGet("id")
            if explicit:
                ids.put(str(explicit))
            elif (auto or is_term) and index + 1 < len(state.tokens):
                text = heading_plain_text(state.tokens[index + 1].children or [])
                if text:  # Hugo gives an empty heading no id at all
                    token.attrSet("id", ids.generate(text))

    return heading_ids
