"""Closing tags for every shortcode of a text, found in one pass instead of one scan per tag.

:func:`~notes_site.markup.shortcodes.syntax.find_closing` scans to the end of the text when a
tag has no closing tag, so a line of 10,000 unclosed tags took 10,000 scans (a 90 KB line of
mixed markup: 6 s; twice as long: 24 s). :class:`PairIndex` lexes each text once, matches
opening and closing tags with a stack per name (the same pairs the depth-counting scan finds)
and answers every later question from that table. Only a tag the one-pass lexer did not see
where the caller did (it started inside another tag's quoted argument, say) is scanned for, and
those scans share a budget: past it such a tag counts as unclosed.

One index serves one page (it lives in markdown-it's ``env``, see :func:`pair_index`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, MutableMapping
from typing import Any

from markdown_it.token import Token

from notes_site.markup.shortcodes.syntax import ShortcodeTag, closing_among, iter_tags

ENV_PAIRS = "shortcode_pairs"
"""``env`` key of the page's :class:`PairIndex`."""


_Table = dict[int, tuple[str, ShortcodeTag | None]]
"""An opening tag's end offset → (its name, its closing tag or None)."""


def _match(src: str) -> _Table:
    table: _Table = {}
    stacks: dict[str, list[ShortcodeTag]] = {}
    for tag in iter_tags(src, 0, len(src)):
        if tag.closing:
            stack = stacks.get(tag.name)
            if stack:
                table[stack.pop().end] = (tag.name, tag)
        elif not tag.self_closing:
            table[tag.end] = (tag.name, None)
            stacks.setdefault(tag.name, []).append(tag)
    return table


class PairIndex:
    """Matching closing tags of the texts of one page, the inline pairs still open, and how many
    shortcodes the page may still render."""

    def __init__(self, scan_budget: int = 100_000, renders: int = 20_000) -> None:
        self._tables: dict[str, _Table] = {}
        self._open: weakref.WeakKeyDictionary[Any, tuple[int, list[str]]] = weakref.WeakKeyDictionary()
        self.scan_budget = scan_budget
        """How many more tags the scans for tags the table does not know may look at."""
        self.renders = renders
        """How many shortcodes one page may render (however templates nest them)."""
        self.renders_left = renders
        """How many it still may (the renderer counts down)."""

    def closing(self, src: str, pos: int, limit: int, name: str) -> ShortcodeTag | None:
        """What ``find_closing(src, pos, limit, name)`` returns, mostly without scanning."""
        table = self._tables.get(src)
        if table is None:
            table = self._tables[src] = _match(src)
        found = table.get(pos)
        if found is not None and found[0] == name:
            close = found[1]
            if close is not None and close.end <= limit:
                return close
            if close is None and limit >= len(src):
                return None
        return self._scan(src, pos, limit, name)

    def _scan(self, src: str, pos: int, limit: int, name: str) -> ShortcodeTag | None:
        return closing_among(self._budgeted(iter_tags(src, pos, limit)), name)

    def _budgeted(self, tags: Iterator[ShortcodeTag]) -> Iterator[ShortcodeTag]:
        """*tags* while the scan budget lasts (past it a tag counts as unclosed)."""
        for tag in tags:
            self.scan_budget -= 1
            if self.scan_budget < 0:
                return
            yield tag

    def open_names(self, state: Any) -> list[str]:
        """Names of the inline ``{{% %}}`` pairs still open among *state*'s tokens, innermost last.

        Kept up to date token by token (tokens are only appended while a paragraph is read),
        so a paragraph of 10,000 closing tags costs 10,000 steps, not 50 million."""
        tokens: list[Token] = state.tokens
        seen, names = self._open.get(state, (0, []))
        if seen > len(tokens):
            seen, names = 0, []
        for token in tokens[seen:]:
            if token.type == "shortcode_open":
                names.append(token.meta["tag"].name)
            elif token.type == "shortcode_close" and names:
                names.pop()
        self._open[state] = (len(tokens), names)
        return names


def pair_index(env: MutableMapping[str, Any]) -> PairIndex:
    """The page's :class:`PairIndex` (made on first use)."""
    index = env.get(ENV_PAIRS)
    if not isinstance(index, PairIndex):
        index = env[ENV_PAIRS] = PairIndex()
    return index
