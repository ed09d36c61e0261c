"""Which output folder a build may replace: never the site itself, a folder it reads, or a folder
of someone else's files.

A build swaps a whole new folder in for the old one (``output/write.py``), so ``-o .`` would
have replaced the site, its content and its ``.git`` with the built pages, and ``-o ~/photos``
the photos. Such a target is refused (exit 2) before anything is read or written.
"""

from __future__ import annotations

import os
from pathlib import Path

from notes_site.base.errors import UsageError
from notes_site.hugo.config import SiteConfig

SITE_FOLDERS = (
    "content",
    "static",
    "templates",
    "layouts",
    "data",
    "config",
    "themes",
    "assets",
    "i18n",
    "archetypes",
    ".git",
    ".notes-site",
)
"""Folders of a site that a build reads (or keeps its cache in) and so must never replace."""

BUILT_FILES = ("index.html", "404.html", "sitemap.xml", "index.xml")
"""Any of these at the top marks a folder as a built site (notes-site's, Hugo's, …)."""


def check_output_folder(target: Path, config: SiteConfig, *, known: bool) -> None:
    """Raise :class:`UsageError` unless the build may replace *target* (resolved).

    Refused: the site folder or a folder above it; a folder the site reads (content, static,
    templates, data, config, …) or one inside them; an existing folder with files in it that
    is neither a folder a build wrote (*known*: the build cache has its manifest) nor looks
    like a built site (:data:`BUILT_FILES`). Hidden entries alone (a ``.git``) do not count.
    """
    site = config.site_dir.resolve()
    if target == site or site.is_relative_to(target):
        raise UsageError(
            f"refusing to build into {target}: it holds the site ({site}), which the build would "
            "replace; choose a folder of its own (public/, the default)"
        )
    read = [site / name for name in SITE_FOLDERS] + config.content_folders()
    for folder in read:
        if target == folder or target.is_relative_to(folder):
            raise UsageError(
                f"refusing to build into {target}: the site reads {_shown(folder, site)}, and the "
                "build would replace it; choose a folder outside it (public/, the default)"
            )
    if known or not target.is_dir():
        return
    try:
        names = sorted(entry.name for entry in os.scandir(target) if not entry.name.startswith("."))
    except OSError:
        return  # unreadable: the build reports that when it gets there
    if not names or any(name in BUILT_FILES for name in names):
        return
    shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    raise UsageError(
        f"refusing to build into {target}: it is not a notes-site output (it holds {shown}), and a "
        "build replaces the whole folder; choose an empty or new folder, or empty this one first"
    )


def _shown(folder: Path, site: Path) -> str:
    return f"{folder.relative_to(site).as_posix()}/" if folder.is_relative_to(site) else str(folder)
