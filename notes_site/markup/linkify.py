"""Bare URLs as links: Goldmark's linkify, as Hugo runs it by default, and notes-site's CJK-aware
addition.

* :func:`goldmark_linkify` is a port of goldmark's ``extension/linkify.go``: at the start of a
  line or after a space, ``*``, ``_``, ``~`` or ``(``, an ``http://``/``https://``/``ftp://`` URL,
  a ``www.`` address (linked with ``linkifyProtocol``, ``https`` in Hugo) or an e-mail address
  (``mailto:``) becomes a link; trailing ``.``, unbalanced ``)``, an entity's ``;`` and ``?!.,:*_~``
  are left out, and the URL characters are ASCII only.
* :func:`cjk_linkify` (notes-site) also links URLs glued to Chinese text or after ``：``
  (``见https://x.org/y和``), ending them at CJK punctuation or a CJK character.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from notes_site.base.text import find_urls

_WWW_RE = re.compile(
    r"www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_+.~#!?&/=();,'\">^{}\[\]`]*)?"
)


_URL_RE = re.compile(
    r"(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::\d+)?"
    r"(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'\">^{}\[\]`]*)?"
)


_EMAIL_LOCAL = frozenset("!#$%&'*+-./0123456789=?ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~")


_EMAIL_DOMAIN_RE = re.compile(
    r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)


_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


_TRIGGERS = " *_~("


def _link_tokens(url: str, text: str, level: int, markup: str = "linkify") -> list[Token]:
    link_open = Token("link_open", "a", 1, level=level, markup=markup, info="auto")
    link_open.attrs = {"href": url}
    label = Token("text", "", 0, level=level + 1, content=text)
    return [link_open, label, Token("link_close", "a", -1, level=level, markup=markup, info="auto")]


def _url_end(line: str) -> int | None:
    """End of a URL or ``www.`` address at ``line[0]`` (goldmark's trimming), or None."""
    match = _URL_RE.match(line) if line.startswith(("http:", "https:", "ftp:")) else None
    if match is None and line.startswith("www."):
        match = _WWW_RE.match(line)
    if match is None:
        return None
    # Trailing punctuation first, then unbalanced closing parentheses, as Hugo's Goldmark does:
    # "(http://a.com/x)." links http://a.com/x, "(http://a.com/x.)" links http://a.com/x.
    end = _trim(line, match.end())
    last = line[end - 1]
    if last == ")":
        closing = line[:end].count(")") - line[:end].count("(")
        if closing > 0:
            end -= closing
    elif last == ";":
        i = end - 2
        while i >= 0 and line[i].isascii() and line[i].isalnum():
            i -= 1
        if i != end - 2 and line[i] == "&":
            end = i
    return end


def _email_end(line: str) -> int | None:
    if not line or line[0] in _ASCII_PUNCT:
        return None
    i = 0
    while i < len(line) and line[i] in _EMAIL_LOCAL:
        i += 1
    if i == 0 or i >= len(line) or line[i] != "@" or i + 1 >= len(line):
        return None
    match = _EMAIL_DOMAIN_RE.match(line, i + 1)
    if match is None or "." not in line[i + 1 : match.end() - 1]:
        return None
    end = match.end()
    if line[end - 1] == ".":
        end -= 1
    if end < len(line) and line[end] in "-_":
        return None
    return end


def _trim(line: str, end: int) -> int:
    while end > 1 and line[end - 1] in "?!.,:*_~":
        end -= 1
    return end


def _previous_char(children: list[Token], index: int) -> str:
    """What precedes a text token, for goldmark's trigger test: right after any other inline node
    (emphasis, code, a typographer quote …) goldmark restarts its line scan, and its first
    character triggers linkify as a line start does ("\\n" here)."""
    if index == 0:
        return "\n"
    token = children[index - 1]
    if token.type == "text_special":
        return token.content[-1:] or "\n"
    if token.type == "text":
        return token.content[-1:] or "\n"
    return "\n"


def _linkify_text(token: Token, before: str, protocol: str) -> list[Token]:
    text = token.content
    out: list[Token] = []
    start = pos = 0
    while pos < len(text):
        previous = text[pos - 1] if pos else before
        if previous not in _TRIGGERS and previous != "\n":
            pos += 1
            continue
        line = text[pos:].split("\n", 1)[0]
        end = _url_end(line)
        email = False
        if end is None:
            end = _email_end(line)
            email = end is not None
        if end is None:
            pos += 1
            continue
        if email:
            end = _trim(line, end)
        label = line[:end]
        href = (
            f"mailto:{label}" if email else (f"{protocol}://{label}" if label.startswith("www.") else label)
        )
        if pos > start:
            out.append(Token("text", "", 0, level=token.level, content=text[start:pos]))
        out.extend(_link_tokens(href, label, token.level))
        pos = start = pos + end
    if not out:
        return [token]
    if start < len(text):
        out.append(Token("text", "", 0, level=token.level, content=text[start:]))
    return out


def _each_text_outside_links(state: StateCore, rewrite: Callable[[list[Token], int], list[Token]]) -> None:
    """Replace every text token outside links with ``rewrite(children, index)``."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        depth = 0
        for index, child in enumerate(block.children):
            depth += (child.type == "link_open") - (child.type == "link_close")
            if child.type == "text" and depth == 0:
                children.extend(rewrite(block.children, index))
            else:
                children.append(child)
        block.children = children


def goldmark_linkify_rule(protocol: str = "https"):  # type: ignore[no-untyped-def]
    """The core rule: Goldmark's linkify over text tokens outside links (module docs). It runs
    before the typographer and once more after it, for URLs right after a replaced quote."""

    def goldmark_linkify(state: StateCore) -> None:
        _each_text_outside_links(
            state,
            lambda children, index: _linkify_text(children[index], _previous_char(children, index), protocol),
        )

    return goldmark_linkify


def _cjk_urls(state: StateCore, child: Token) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for start, end, url in find_urls(child.content):
        if not state.md.validateLink(url):
            continue
        if start > pos:
            out.append(Token("text", "", 0, level=child.level, content=child.content[pos:start]))
        out.extend(_link_tokens(url, url, child.level))
        pos = end
    if pos == 0:
        return [child]
    if pos < len(child.content):
        out.append(Token("text", "", 0, level=child.level, content=child.content[pos:]))
    return out


def cjk_linkify(state: StateCore) -> None:
    """Split text tokens outside links at bare URLs and wrap each URL in a link."""
    _each_text_outside_links(state, lambda children, index: _cjk_urls(state, children[index]))
