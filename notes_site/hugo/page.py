"""The page record: one page of the site in one language, as Hugo would build it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """What to include besides published pages."""

    drafts: bool = False
    """Include ``draft: true`` pages (also on when the config sets ``buildDrafts``)."""
    future: bool = False
    """Include pages whose publish date is after ``now`` (or config ``buildFuture``)."""
    expired: bool = False
    """Include pages whose expiry date is before ``now`` (or config ``buildExpired``)."""
    now: datetime | None = None
    """The time to compare dates with; None means the current time."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the site in one language, as Hugo would build it."""

    source: str
    """Content path, posix, relative to the main content folder (``posts/training.md``); for a
    language's own contentDir, ``<contentDir>/<path>``; for a section without ``_index``, its
    folder (``posts``), and ``""`` for a home page without ``_index``."""
    file: Path | None
    """Absolute path of the file; None for a section or home page Hugo makes without a file."""
    lang: str
    """Language code."""
    kind: str
    """``home``, ``section`` or ``page``; ``taxonomy``/``term`` for an ``_index`` file in a taxonomy's
    folder (``tags/_index.md``, ``tags/go/_index.md``)."""
    bundle: str | None
    """``leaf`` (``index.md``), ``branch`` (``_index.md``, home and sections) or None."""
    section: str
    """First-level section as Hugo's ``.Section`` shows it (sanitized, lower-case); ``""`` at the root."""
    sections: tuple[str, ...]
    """Path of the section the page is in (for a section, its own), sanitized, e.g. ``("posts", "ml")``."""
    title: str
    """Front-matter title; Hugo's fallback when there is none (see module docs)."""
    front_matter: Mapping[str, Any]
    """The file's own front matter, keys as written."""
    params: Mapping[str, Any]
    """Hugo-style ``.Params``: front matter and cascaded values with lower-case keys, ``params`` merged in."""
    body: str
    """Content after the front matter."""
    body_line: int
    """1-based line of the file on which ``body`` starts."""
    format: str
    """Markup: ``markdown`` or ``html``."""
    url: str
    """Relative permalink without the base URL's path, raw UTF-8 (``/posts/中文-标题/``)."""
    date: datetime | None
    """``.Date`` by Hugo's ``[frontmatter]`` chain; naive when written without a zone. A home or
    section page without dates of its own gets the newest of its descendants' (as Hugo does)."""
    publish_date: datetime | None
    """``.PublishDate`` (falls back to ``date``)."""
    lastmod: datetime | None
    """``.Lastmod`` (falls back to ``date``)."""
    expiry_date: datetime | None
    """``.ExpiryDate``; None when not set."""
    draft: bool
    """Front-matter ``draft``."""
    slug: str | None
    """Front-matter ``slug`` as written."""
    aliases: tuple[str, ...]
    """Redirect paths: absolute ones as written (trailing ``/`` dropped), relative ones joined
    to the folder of the page's URL."""
    translation_key: str
    """Front-matter ``translationKey``, else Hugo's default (``/posts/training``)."""
    translations: tuple[tuple[str, str], ...]
    """``(lang, url)`` of the other languages' versions of this page, in language order."""
    weight: int
    """Front-matter ``weight`` (0 when unset)."""
    toc: bool
    """Front-matter ``toc`` (False when unset)."""
    taxonomies: Mapping[str, tuple[str, ...]]
    """Terms per configured taxonomy (plural name), e.g. ``{"tags": ("ML",), "categories": ()}``."""
    resources: tuple[str, ...]
    """Bundle resources of this language, relative to the bundle folder (``img.png``)."""
    headless: bool
    """Front-matter ``headless``: the page is neither rendered nor listed."""
    summary: str | None
    """Front-matter ``summary`` only; None when not set."""
    file_path: str = ""
    """Hugo's ``.File.Path``: path relative to the page's own content folder; ``""`` without a file."""
    build_render: str = "always"
    """``build.render``: ``always``, ``never`` or ``link`` (``never`` when headless)."""
    build_list: str = "always"
    """``build.list``: ``always``, ``never`` or ``local`` (``never`` when headless)."""
