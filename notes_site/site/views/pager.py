"""Long entry lists split into pages, as Hugo paginates list pages: ``/topics/微调/`` holds the
newest entries, ``/topics/微调/page/2/`` the next ones, and so on.

A topic or the timeline of a digest site grows by every entry ever pasted: at 1,000 digests a
topic page held 3,300 entry cards (5 MB of HTML) and the timeline 20,000 (12 MB), too much for
a browser to show at ease, and one edited entry made each of them again; ``/papers/`` is split
the same way. How many entries (or papers) a page holds is ``[notesSite] entriesPerPage`` in
the site config (50 unless set); a list that fits on one page is written exactly as before,
without page links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from notes_site.base.errors import Diagnostic

ENTRIES_PER_PAGE = 50
"""Entries (papers on ``/papers/``) on each page unless ``[notesSite] entriesPerPage`` says."""

PAGE_FOLDER = "page"
"""The folder of the pages after the first, as Hugo's ``pagination.path`` default."""

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page of a split list sits among its pages (templates: ``partials/pager.html``)."""

    number: int
    """This page's number, from 1."""
    hrefs: tuple[str, ...]
    """The href of every page of the list, the first one first."""

    @property
    def count(self) -> int:
        """How many pages the list has."""
        return len(self.hrefs)

    @property
    def previous_href(self) -> str | None:
        """The page before this one, if any."""
        return self.hrefs[self.number - 2] if self.number > 1 else None

    @property
    def next_href(self) -> str | None:
        """The page after this one, if any."""
        return self.hrefs[self.number] if self.number < self.count else None

    @property
    def window(self) -> tuple[tuple[int, str], ...]:
        """The page links to show: the first and last pages and two on each side of this one,
        as (number, href); a number of 0 stands for the pages left out between two of them."""
        shown = sorted(
            {1, self.count, *range(self.number - 2, self.number + 3)} & set(range(1, self.count + 1))
        )
        out: list[tuple[int, str]] = []
        for number in shown:
            if out and number > out[-1][0] + 1:
                out.append((0, ""))
            out.append((number, self.hrefs[number - 1]))
        return tuple(out)


def page_path(first: str, number: int) -> str:
    """The path of page *number* of the list whose first page is at *first* (a folder path)."""
    return first if number == 1 else f"{first}{PAGE_FOLDER}/{number}/"


def page_count(items: int, size: int) -> int:
    """How many pages *items* entries take, *size* a page (one page, however few)."""
    return max(1, -(-items // size))


def page_items(items: Sequence[_T], number: int, size: int) -> list[_T]:
    """The entries of page *number*."""
    return list(items[(number - 1) * size : number * size])


def entries_per_page(extra: Mapping[str, Any], source: str) -> tuple[int, Diagnostic | None]:
    """``[notesSite] entriesPerPage`` from the site config's extra keys (Hugo lower-cases them),
    with a warning naming the config file *source* when it is not a whole number of at least 1."""
    own = extra.get("notessite")
    value = own.get("entriesperpage") if isinstance(own, Mapping) else None
    if value is None:
        return ENTRIES_PER_PAGE, None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value, None
    return ENTRIES_PER_PAGE, Diagnostic(
        source,
        0,
        "warning",
        f"[notesSite] entriesPerPage = {value!r} is not a whole number of at least 1;"
        f" using {ENTRIES_PER_PAGE}",
        "set entriesPerPage to how many entries a topic or timeline page should hold, e.g. 50",
        "bad-config",
    )
