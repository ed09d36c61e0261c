"""The hash of every input of a build, to tell a rebuild that nothing changed before any work.

It covers the config (as read), every included page (front matter, body, URL, dates: a page
whose publish date passes changes the set), the bytes of every template and of every arXiv
record in ``data/arxiv/`` (what ``papers fetch`` wrote), the name, size and
modification time of every static file and bundle resource, notes-site's version and the
build's options. Equal keys and an intact output folder mean the previous output is this
build's output.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from notes_site.base.code import code_version
from notes_site.base.theme import builtin_templates, template_folders
from notes_site.build.discovery import Discovered
from notes_site.build.fingerprint import fingerprint, folder_digest
from notes_site.digest.arxiv_data import DATA_FOLDER


def _stats(folder: Path) -> Iterator[tuple[str, int, int]]:
    if folder.is_dir():
        for file in sorted(folder.rglob("*")):
            try:
                status = file.stat()
            except OSError:
                continue
            if file.is_file():
                yield file.relative_to(folder).as_posix(), status.st_size, status.st_mtime_ns


def input_key(
    discovered: Discovered, *, search: bool, page_key: Callable[[object], str] = fingerprint
) -> str:
    """The hash of everything the build of *discovered* reads (see the module docstring);
    *page_key* is the fingerprint of a page (a :class:`KeptFingerprints` in a process that
    builds again and again)."""
    config = discovered.config
    site_dir = config.site_dir
    templates = template_folders([site_dir / "templates"])
    resources = []
    for page in discovered.pages:
        if page.file is not None:
            for name in page.resources:
                try:
                    status = (page.file.parent / name).stat()
                except OSError:
                    continue
                resources.append((page.source, name, status.st_size, status.st_mtime_ns))
    return fingerprint(
        (
            "inputs",
            code_version(),
            search,
            config,
            [page_key(page) for page in discovered.pages],
            [str(d) for d in discovered.diagnostics],
            folder_digest(templates),
            folder_digest([site_dir / DATA_FOLDER]),
            list(_stats(site_dir / "static")),
            list(_stats(builtin_templates() / "static")),
            resources,
            os.fspath(site_dir),
        )
    )
