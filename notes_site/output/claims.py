"""One file per output path: when two outputs claim a path, the first one is written and the
others are dropped with a ``duplicate-output`` warning, instead of failing the build.

Hugo does the same in spirit (two pages with one URL: one overwrites the other, with a
warning at most); notes-site keeps the first, in its fixed write order: content pages and
their aliases, then generated pages, then static files (a site's ``static/robots.txt``
loses to the generated one only if notes-site wrote one first; rendered pages win)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from notes_site.base.errors import Diagnostic
from notes_site.output.write import path_parts

T = TypeVar("T")


class OutputClaims:
    """Remembers every path claimed so far in one build and drops repeated claims."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self._claimed: set[str] = set()
        self._diagnostics = diagnostics

    def _first(self, path: str, what: str) -> bool:
        # PurePosixPath's normal form ("a//b", "a/./b" → "a/b"), without a Path per page.
        key = "/".join(path_parts(path)) or "."
        if key not in self._claimed:
            self._claimed.add(key)
            return True
        self._diagnostics.append(
            Diagnostic(
                key,
                0,
                "warning",
                f"two outputs are written to this path; the {what} that comes second is skipped",
                "give one of the pages another url, slug or alias",
                "duplicate-output",
            )
        )
        return False

    def pages(self, files: Iterable[tuple[str, T]]) -> Iterator[tuple[str, T]]:
        """*files* (``(path, content)``) without the paths already claimed."""
        for path, content in files:
            if self._first(path, "output"):
                yield path, content

    def copies(self, files: Iterable[tuple[str, Path]]) -> Iterator[tuple[str, Path]]:
        """*files* to copy (``(path, source file)``) without the paths already claimed."""
        for path, source in files:
            if self._first(path, "static file"):
                yield path, source
