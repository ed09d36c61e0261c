"""The first stage: read the config and discover the pages, before any body is parsed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from notes_site.base.errors import Diagnostic
from notes_site.hugo.config import SiteConfig, load_config
from notes_site.hugo.discover import discover_pages
from notes_site.hugo.page import LoadOptions, Page
from notes_site.hugo.reread import ReadMemo


@dataclass(frozen=True, slots=True)
class Discovered:
    """The site's config and pages, before any body is read."""

    config: SiteConfig
    """The config (``baseURL`` already replaced when the build asks for another)."""
    pages: list[Page]
    """Every included page, as :func:`notes_site.hugo.discover.discover` orders them."""
    diagnostics: list[Diagnostic]
    """What reading the config and discovering the pages noticed."""
    valid_until: float | None = None
    """POSIX time at which a publish or expiry date passes (the same files then give other
    pages); None when no such date lies ahead."""


def find_pages(
    site_dir: Path,
    options: LoadOptions | None = None,
    *,
    base_url: str | None = None,
    memo: ReadMemo | None = None,
) -> Discovered:
    """Read the config and discover the pages (no body is parsed yet); *memo* keeps what was
    read for the next discovery in this process (``hugo/reread.py``)."""
    config, diagnostics = load_config(site_dir)
    if base_url:
        config = replace(config, base_url=base_url)
    found = discover_pages(config, options or LoadOptions(), memo=memo)
    return Discovered(config, found.pages, [*diagnostics, *found.diagnostics], found.valid_until)
