"""Goldmark's typographer, as Hugo runs it by default: ``"a"`` → “a”, ``it's`` → it’s, ``--`` → –,
``---`` → —, ``...`` → …, ``<<``/``>>`` → «/».

A port of ``extension/typographer.go`` (goldmark v1.8): the same triggers, the same
left/right-flanking test for quotes (with the character before and the rest of the line), the
same special cases (``'90s``, ``'twas``, ``Don't``, ``I've``) and one count of unclosed quotes
for the whole page (goldmark never resets it between blocks). It runs on the text tokens
markdown-it made, never inside code, autolinks or raw HTML, and before escaped characters are
joined into the text (``\\"`` stays a quote mark).

A replacement is a ``text`` token whose ``content`` stays as written and whose
``meta["typographer"]`` holds the HTML entity Goldmark writes (``&ldquo;``): the renderer
writes the entity, the heading ids see the typographic character, and the digest parser,
which reads ``content``, sees the page as written, so titles and authors are never changed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _is_punct(char: str) -> bool:
    """Go's ``unicode.IsPunct`` (categories P*)."""
    return unicodedata.category(char).startswith("P")


def _is_punct_or_symbol(char: str) -> bool:
    """goldmark's ``util.IsPunctRune``: punctuation or symbol."""
    return unicodedata.category(char)[0] in ("P", "S")


def _is_space(char: str) -> bool:
    return char.isspace()


def _is_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L")


def _is_digit(char: str) -> bool:
    return unicodedata.category(char) == "Nd"


@dataclass(slots=True)
class _Counter:
    """Unclosed quotes in the current block."""

    single: int = 0
    double: int = 0


def _flanking(line: str, before: str) -> tuple[bool, bool]:
    """goldmark's ``ScanDelimiter`` for a run of the quote at ``line[0]``: (can open, can close)."""
    char = line[0]
    end = 0
    while end < len(line) and line[end] == char:
        end += 1
    after = line[end] if end < len(line) else " "
    before_punct, before_space = _is_punct_or_symbol(before), _is_space(before)
    after_punct, after_space = _is_punct_or_symbol(after), _is_space(after)
    left = not after_space and (not after_punct or before_space or before_punct)
    right = not before_space and (not before_punct or after_space or after_punct)
    return left, right


def _ascii_punct_or_space(char: str) -> bool:
    return char in _ASCII_PUNCT or char in " \t\n\r\f\v"


def _quote(line: str, before: str, counter: _Counter) -> str | None:
    """The substitution name for the quote at ``line[0]``, or None to leave it."""
    can_open, can_close = _flanking(line, before)
    if line[0] == "'":
        if can_open and not can_close and len(line) > 3 and line[1:3].isdigit() and line[3] == "s":
            after = line[4] if len(line) > 4 else " "
            if _is_space(after) or _is_punct_or_symbol(after):
                return "apostrophe"
        if len(line) > 1 and (_is_punct(before) or _is_space(before)) and line[1] in "tenl":
            return "apostrophe"
        if len(line) > 1 and (_is_digit(before) or _is_letter(before)) and _is_letter(line[1]):
            return "apostrophe"
        if can_open and not can_close:
            name = "leftsinglequote"
            if len(line) > 1 and line[1] in "smtd" and (len(line) < 3 or _ascii_punct_or_space(line[2])):
                name = "rightsinglequote"
            if (
                len(line) > 2
                and line[1:3] in ("ve", "ll", "re")
                and (len(line) < 4 or _ascii_punct_or_space(line[3]))
            ):
                name = "rightsinglequote"
            if name == "leftsinglequote":
                counter.single += 1
            return name
        # goldmark's precedence: (len > 1 && space) || (punct && len > 2 && !digit(line[1]))
        if (len(line) > 1 and _is_space(line[0])) or (
            _is_punct(line[0]) and len(line) > 2 and not _is_digit(line[1])
        ):
            return "rightsinglequote"
        if counter.single > 0 and _closes(line, can_open, can_close):
            counter.single -= 1
            return "rightsinglequote"
        return None
    if can_open and not can_close:
        counter.double += 1
        return "leftdoublequote"
    if counter.double > 0 and _closes(line, can_open, can_close):
        if len(line) > 1 and line[1] == '"' and _is_digit(before):
            return None  # "Monitor 21""
        counter.double -= 1
        return "rightdoublequote"
    return None


def _closes(line: str, can_open: bool, can_close: bool) -> bool:
    if can_close and not can_open:
        return True
    return (
        can_close
        and can_open
        and len(line) > 1
        and _is_punct(line[1])
        and (len(line) == 2 or (len(line) > 2 and _ascii_punct_or_space(line[2])))
    )


def _match(line: str, before: str, counter: _Counter) -> tuple[str, int] | None:
    """(substitution name, characters consumed) at ``line[0]``, or None."""
    char = line[0]
    if char == "-" and line.startswith("---"):
        return "emdash", 3
    if char == "." and line.startswith("..."):
        return "ellipsis", 3
    if char == "<" and line.startswith("<<"):
        return "leftanglequote", 2
    if char == ">" and line.startswith(">>"):
        return "rightanglequote", 2
    if char == "-" and line.startswith("--"):
        return "endash", 2
    if char in "'\"":
        name = _quote(line, before, counter)
        return (name, 1) if name else None
    return None


def _source(token: Token) -> str:
    """Roughly what *token* looked like in the source (for the characters around a quote)."""
    if token.type in ("text", "text_special"):
        return token.content if token.type == "text" else (token.markup or token.content)
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.type == "code_inline":
        return token.markup + token.content + token.markup
    if token.type == "link_open":
        return "" if token.info == "auto" else "["  # a bare URL is its own text in the source
    if token.type in ("link_close", "image"):
        return ")"
    return token.markup or token.content or "\x00"


def _line_after(children: Sequence[Token], index: int, text: str, pos: int) -> str:
    """The rest of the source line from ``text[pos]`` on."""
    rest = text[pos:].split("\n", 1)[0]
    if "\n" in text[pos:]:
        return rest
    for token in children[index + 1 :]:
        if token.type in ("softbreak", "hardbreak"):
            break
        rest += _source(token)
        if len(rest) > 8:
            break
    return rest


def _split(children: Sequence[Token], index: int, counter: _Counter, names: Mapping[str, str]) -> list[Token]:
    token = children[index]
    text = token.content
    previous = _source(children[index - 1])[-1:] if index > 0 else ""
    out: list[Token] = []
    start = pos = 0
    while pos < len(text):
        if text[pos] not in "'\"-.<>":
            pos += 1
            continue
        before = text[pos - 1] if pos > 0 else (previous or "\n")
        found = _match(_line_after(children, index, text, pos), before, counter)
        if found is None or not names.get(found[0]):
            pos += 1
            continue
        name, length = found
        if pos > start:
            out.append(Token("text", "", 0, content=text[start:pos]))
        out.append(
            Token("typographer", "", 0, content=text[pos : pos + length], meta={"typographer": names[name]})
        )
        pos = start = pos + length
    if not out:
        return [token]
    if start < len(text):
        out.append(Token("text", "", 0, content=text[start:]))
    return out


def typographer_rule(substitutions: Mapping[str, str]):  # type: ignore[no-untyped-def]
    """The core rule (runs after ``inline``, before ``text_join``) with Hugo's substitutions."""

    def typographer(state: StateCore) -> None:
        # One count for the whole page: goldmark's typographer never resets it (its CloseBlock
        # does not match the parser's interface), so Hugo's quotes depend on earlier blocks.
        counter = _Counter()
        for block in state.tokens:
            if block.type != "inline" or not block.children:
                continue
            children: list[Token] = []
            depth = 0
            for index, child in enumerate(block.children):
                if child.type == "link_open" and child.info == "auto":
                    depth += 1
                elif child.type == "link_close" and child.info == "auto":
                    depth -= 1
                if child.type == "text" and depth == 0:
                    children.extend(_split(block.children, index, counter, substitutions))
                    continue
                if child.type == "image" and child.children:  # alt text is typeset too
                    alt = child.children
                    child.children = [
                        part
                        for position, token in enumerate(alt)
                        for part in (
                            _split(alt, position, counter, substitutions) if token.type == "text" else [token]
                        )
                    ]
                children.append(child)
            block.children = children

    return typographer


def angle_quotes_rule(substitutions: Mapping[str, str]):  # type: ignore[no-untyped-def]
    """An inline rule before raw HTML: ``<<`` and ``>>`` are guillemets before ``<<b>`` is a tag,
    as in goldmark, where the typographer claims ``<<`` once the HTML parser gives up on it."""

    def angle_quotes(state: StateInline, silent: bool) -> bool:
        pair = state.src[state.pos : state.pos + 2]
        name = {"<<": "leftanglequote", ">>": "rightanglequote"}.get(pair)
        if name is None or not substitutions.get(name):
            return False
        if not silent:
            token = state.push("typographer", "", 0)
            token.content = pair
            token.meta = {"typographer": substitutions[name]}
        state.pos += 2
        return True

    return angle_quotes


def typographer_text(state: StateCore) -> None:
    """After ``text_join``: the replacements become ``text`` tokens (with their entity in meta)."""
    for block in state.tokens:
        for child in block.children or ():
            for token in (child, *(child.children or ())):  # an image's alt text too
                if token.type == "typographer":
                    token.type = "text"
