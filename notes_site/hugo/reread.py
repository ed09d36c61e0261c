"""What one discovery leaves for the next in a process that discovers the same site again and again.

``serve`` discovers the whole site on every save, though one file changed. Reading and
splitting a file, and making its page, are pure functions of the file's bytes and of what
the whole site shares (config, bundle layouts, cascades), so :class:`ReadMemo` keeps:

- each content file as read (front matter split from the body), with the file's status
  taken before it was read: a file whose size, modification and change times, inode and
  device are all as they were is not read again. The status is taken before the read, so a
  write during the read shows as a change next time; and a file changed less than
  :data:`SETTLE_NS` before its status was taken is not kept at all, since it could change
  again within the same clock tick without a new time (git's "racily clean" files; the build
  stamp, ``build/stamp.py``, has the same rule);
- each page made from a file, with what it was made from: the very same read file, equal
  resources and an equal :class:`~notes_site.hugo.pages.PageContext` (compared once per
  discovery) give the very same page, and the diagnostics making it gave, so what later
  stages worked out from the page still holds.

A discovery without a memo reads everything; either way the pages are equal.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from notes_site.base.errors import Diagnostic
from notes_site.hugo.files import ContentFile

if TYPE_CHECKING:
    from notes_site.hugo.page import Page
    from notes_site.hugo.pages import PageContext, ParsedFile

SETTLE_NS = 2_000_000_000
"""A file changed less than this long (ns) before its status was taken is read again next time."""

FileStatus = tuple[int, int, int, int, int]
"""Size, modification and change time (ns), inode and device of a file."""


def file_status(path: os.PathLike[str] | str) -> FileStatus | None:
    """The status :class:`ReadMemo` compares, or None when the file cannot be stat'ed."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


_KeptPage = tuple["ParsedFile", tuple[ContentFile, ...], "Page", tuple[Diagnostic, ...]]
"""A page as made: from what read file, with what resources, and what making it noticed."""


class ReadMemo:
    """Kept by the caller between discoveries of one site (``BuildMemory.discovery``)."""

    def __init__(self, settle_ns: int = SETTLE_NS) -> None:
        """*settle_ns*: how long ago a file must have changed to be kept (:data:`SETTLE_NS`)."""
        self.settle_ns = settle_ns
        self._files: dict[str, tuple[ContentFile, FileStatus, ParsedFile]] = {}
        self._next_files: dict[str, tuple[ContentFile, FileStatus, ParsedFile]] = {}
        self._reading: object = None
        self._context: PageContext | None = None
        self._pages: dict[str, _KeptPage] = {}
        self._next_pages: dict[str, _KeptPage] = {}
        self.reread = 0
        """How many files the last discovery read (for tests)."""

    def begin(self, reading: object) -> None:
        """A discovery starts, reading files under the rules *reading* gives (where symlinks may
        point, the size limit): when they differ from the last discovery's, no kept file can be
        reused. What an interrupted discovery had gathered is dropped."""
        if reading != self._reading:
            self._files.clear()
        self._reading = reading
        self._next_files, self._next_pages, self.reread = {}, {}, 0

    def read(self, file: ContentFile, read: Callable[[], ParsedFile]) -> ParsedFile:
        """*file* as read: the kept one when the file is as it was, else ``read()`` (whose
        exceptions pass through, and nothing is kept)."""
        status = file_status(file.path)
        kept = self._files.get(file.source)
        if status is not None and kept is not None and kept[1] == status and kept[0] == file:
            parsed = kept[2]
        else:
            self.reread += 1
            parsed = read()
        if status is not None and max(status[1], status[2]) < time.time_ns() - self.settle_ns:
            self._next_files[file.source] = (file, status, parsed)
        return parsed

    def start_pages(self, context: PageContext) -> None:
        """Pages are about to be made in *context*: when it differs from the last discovery's,
        no kept page can be reused."""
        if context != self._context:
            self._pages.clear()
        self._context = context

    def page(
        self,
        parsed: ParsedFile,
        resources: list[ContentFile],
        make: Callable[[list[Diagnostic]], Page],
        diagnostics: list[Diagnostic],
    ) -> Page:
        """The page of *parsed*: the kept one when made from the same read file and equal
        *resources*, else ``make(noticed)``; what making it noticed is added to *diagnostics*
        either way (a page that cannot be made raises, and nothing is kept)."""
        source = parsed.file.source
        own = tuple(resources)
        kept = self._pages.get(source)
        if kept is not None and kept[0] is parsed and kept[1] == own:
            page, noticed = kept[2], kept[3]
        else:
            found: list[Diagnostic] = []
            page = make(found)
            noticed = tuple(found)
        diagnostics.extend(noticed)
        self._next_pages[source] = (parsed, own, page, noticed)
        return page

    def finish(self) -> None:
        """The discovery is done: what it read and made is what the next one compares with
        (files gone from the site are let go)."""
        self._files, self._next_files = self._next_files, {}
        self._pages, self._next_pages = self._next_pages, {}
