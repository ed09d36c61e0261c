"""Walk markdown-it's token stream and hand the parser headings and lines, each line knowing
where it sits (top-level block, list item, table cell) and every line number a line of the file."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Protocol

from markdown_it.token import Token

from notes_site.digest.lines import Line, Place, add_text, html_urls, shortcode_urls, token_lines


class LineSink(Protocol):
    """What the walk feeds: the digest parser."""

    def heading(self, level: int, text: str, anchor: str, line: int) -> None: ...

    def line(self, line: Line, list_number: int | None = None) -> None: ...

    def extend(self, last_line: int) -> None: ...


BIB_START_RE = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")
"""A BibTeX entry's first line."""


def bibtex_entries(token: Token) -> list[tuple[int, str]]:
    """``(line within the code, entry text)`` of each BibTeX entry in a code block whose info
    says ``bibtex``/``bib`` or whose text opens with an entry; else none."""
    info = token.info.strip().lower()
    code = token.content.splitlines()
    opens = next((line for line in code if line.strip()), "")
    if info not in ("bibtex", "bib", "biblatex") and not (not info and BIB_START_RE.match(opens)):
        return []
    starts = [number for number, line in enumerate(code) if BIB_START_RE.match(line)]
    ends = [*starts[1:], len(code)] if starts else []
    return [(start, "\n".join(code[start:end])) for start, end in zip(starts, ends, strict=True)]


REFER_START_RE = re.compile(r"^\s*%0\s+\S")
"""An EndNote/refer record's first line (``%0 Journal Article``)."""


RIS_START_RE = re.compile(r"^\s*TY\s{1,2}-\s")
"""An RIS record's first line."""
RIS_END_RE = re.compile(r"^\s*ER\s{1,2}-")
"""An RIS record's last line."""


def csl_items(token: Token) -> list[tuple[int, str]]:
    """``(line within the code, item as JSON)`` of each CSL-JSON item (Zotero's "Export → CSL
    JSON": a list of objects with a ``title`` and a ``type``) in a code block; else none."""
    if token.info.strip().lower() not in ("", "json", "csl", "csl-json", "csljson"):
        return []
    code = token.content
    opening = code.lstrip()[:1]
    if opening not in ("[", "{"):
        return []
    decoder = json.JSONDecoder()
    items: list[tuple[int, str]] = []
    position = code.index(opening) + (1 if opening == "[" else 0)
    while True:
        while position < len(code) and code[position] in " \t\r\n,":
            position += 1
        if position >= len(code) or code[position] != "{":
            break
        try:
            item, end = decoder.raw_decode(code, position)
        except ValueError:
            return []
        if isinstance(item, dict) and isinstance(item.get("title"), str) and "type" in item:
            items.append((code.count("\n", 0, position), json.dumps(item, ensure_ascii=False)))
        position = end
    return items


def ris_records(token: Token) -> list[tuple[int, str]]:
    """``(line within the code, record text)`` of each RIS record (``TY  -`` to ``ER  -``) in a
    code block; none when it holds no record."""
    code = token.content.splitlines()
    records: list[tuple[int, str]] = []
    start: int | None = None
    for number, line in enumerate(code):
        if RIS_START_RE.match(line):
            start = number
        elif start is not None and RIS_END_RE.match(line):
            records.append((start, "\n".join(code[start : number + 1])))
            start = None
    return records


def in_source_order(tokens: Sequence[Token]) -> list[Token]:
    """*tokens* with each footnote definition back where it was written: markdown-it moves them
    all into one block at the end of the page, and a definition (``[^1]: Title, URL``) belongs
    to the entry it was written in."""
    start = next((i for i, token in enumerate(tokens) if token.type == "footnote_block_open"), None)
    if start is None:
        return list(tokens)
    end = next(
        (i for i in range(start, len(tokens)) if tokens[i].type == "footnote_block_close"), len(tokens)
    )
    rest = [*tokens[:start], *tokens[end + 1 :]]
    groups: list[tuple[int, list[Token]]] = []
    for index in range(start + 1, end):
        token = tokens[index]
        if token.type == "footnote_open":
            groups.append((-1, []))
        if groups:
            groups[-1][1].append(token)
            if groups[-1][0] < 0 and token.map is not None:
                groups[-1] = (token.map[0], groups[-1][1])
    ordered: list[Token] = []
    pending = sorted((group for group in groups if group[0] >= 0), key=lambda group: group[0])
    for token in rest:
        while pending and token.level == 0 and token.map is not None and token.map[0] > pending[0][0]:
            ordered.extend(pending.pop(0)[1])
        ordered.append(token)
    for _line, group in [*pending, *(group for group in groups if group[0] < 0)]:
        ordered.extend(group)
    return ordered


def walk_tokens(tokens: Sequence[Token], offset: int, sink: LineSink) -> None:
    """Feed *sink* every heading and line of *tokens*; *offset* is the body's first line minus one."""
    top = -1
    items: list[tuple[int, int]] = []  # (token index, last line) of the open list items
    item_start = False
    row: int | None = None
    column = 0
    header = False
    skip_inline = False
    list_number: int | None = None  # the number of an ordered list item whose first line comes next
    footnote: str | None = None  # the label of a footnote definition whose first line comes next
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting >= 0:
            top = index
        if token.type == "footnote_open":
            footnote = str(token.meta.get("label", "")) if token.meta else ""
        if token.type == "list_item_open":
            list_number = int(token.info) if token.info.isdigit() else None
            items.append((index, offset + (token.map[1] if token.map else 0)))
            item_start = True
        elif token.type == "list_item_close" and items:
            items.pop()
        elif token.type == "thead_open":
            header = True
        elif token.type == "tbody_open":
            header = False
        elif token.type == "tr_open":
            row, column = index, 0
        elif token.type in ("th_close", "td_close"):
            column += 1
        elif token.type == "table_close":
            row = None
        elif token.type == "heading_open" and not items:  # (one in a list item is a line of it)
            inline = tokens[index + 1]
            text = "".join(line.text for line in token_lines(inline, 0, index))
            line = offset + (token.map[0] if token.map else 0) + 1
            sink.heading(int(token.tag[1]), text, str(token.attrs.get("id", "")), line)
            skip_inline = True
        elif token.type == "inline":
            if skip_inline:
                skip_inline = False
                continue
            place = Place(
                top=top,
                item=items[-1][0] if items else None,
                item_start=item_start,
                item_end=items[-1][1] if items else 0,
                row=row,
                column=column,
                header=header and row is not None,
            )
            item_start = False
            first = offset + (token.map[0] if token.map else 0) + 1
            made = token_lines(token, first, index, place)
            if footnote is not None and made:
                made[0].footnote, footnote = footnote, None  # ``[^1]: Title, URL``: its label
            for position, token_line in enumerate(made):
                sink.line(token_line, list_number if position == 0 else None)
            list_number = None
            if token.map is not None:
                sink.extend(offset + token.map[1])
        elif token.type in ("html_block", "shortcode", "shortcode_open") and token.map is not None:
            # Raw HTML and block shortcodes carry URLs too (images, links): one line of URLs, no text.
            urls = html_urls(token.content, 0) if token.type == "html_block" else shortcode_urls(token, 0)
            if urls:
                sink.line(Line(offset + token.map[0] + 1, index, urls=urls, place=Place(top=top)))
            sink.extend(offset + token.map[1])
        elif token.type in ("fence", "code_block", "math_block") and token.map is not None:
            # A fence of BibTeX entries (``bibtex``, or text that opens with ``@type{``), RIS
            # records or CSL-JSON items: one line per entry, at its first line, holding the entry
            # (``formats/bibtex.py``, ``formats/ris.py`` and ``formats/csl.py`` read them).
            first = offset + token.map[0] + (2 if token.type == "fence" else 1)
            records = (
                (bibtex_entries(token) or ris_records(token) or csl_items(token))
                if token.type != "math_block"
                else []
            )
            for start, entry in records:
                sink.line(Line(first + start, index, record=entry, place=Place(top=top)))
            if token.type == "fence" and token.info.strip().lower() == "org":
                # Org-mode notes in a fence are notes all the same: their lines, links read.
                for number, text in enumerate(token.content.splitlines()):
                    org_line = Line(first + number, index, place=Place(top=top))
                    add_text(org_line, text.strip())
                    sink.line(org_line)
            sink.extend(offset + token.map[1])
