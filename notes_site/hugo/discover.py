"""Discover a site's pages by Hugo's rules: read every content file, apply cascades and the
draft/future/expired rules, add the pages Hugo makes without a file, date list pages by
their newest page and link translations.

What counts as what (checked against hugo v0.168):

* which files are content, bundles and resources: :mod:`notes_site.hugo.files`;
* a page's front matter, dates and URL: :mod:`notes_site.hugo.pages`;
* top-level folders are sections even without ``_index.md`` (Hugo makes their list page,
  titled by the pluralised, capitalised folder name: ``notes`` → "Notes", ``box`` →
  "Boxes"); deeper folders are sections only with an ``_index`` file;
* pages whose file has no title have an empty title; a home page without ``_index``
  takes the site (or language) title.

Pages from a per-language ``contentDir`` other than the main one get ``source`` =
``<that contentDir>/<path>`` (e.g. ``content_en/posts/p1.md``), so sources stay unique;
their ``file_path`` is Hugo's ``.File.Path`` (``posts/p1.md``), relative to that folder.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from notes_site.base.errors import ContentError, Diagnostic
from notes_site.base.limits import LIMITS, Limits
from notes_site.base.safefiles import UnsafeFileError, read_limited
from notes_site.hugo.cascade import cascade_entries
from notes_site.hugo.config import SiteConfig
from notes_site.hugo.dates import as_aware
from notes_site.hugo.files import (
    CONTENT_FORMATS,
    UNSUPPORTED_FORMATS,
    ContentFile,
    allowed_folders,
    bundle_layouts,
    collect_files,
)
from notes_site.hugo.frontmatter import key_line, split_front_matter
from notes_site.hugo.outputs import drop_collisions
from notes_site.hugo.page import LoadOptions, Page
from notes_site.hugo.pages import PageContext, ParsedFile, auto_page, page_from_file
from notes_site.hugo.reread import ReadMemo
from notes_site.hugo.urls import make_path_sanitized

_KIND_ORDER = {"home": 0, "section": 1, "taxonomy": 1, "term": 1, "page": 2}


@dataclass(frozen=True, slots=True)
class _Filter:
    """The inclusion rules in force."""

    drafts: bool
    """Keep drafts."""
    future: bool
    """Keep future pages."""
    expired: bool
    """Keep expired pages."""
    now: datetime
    """Aware current time."""
    zone: tzinfo
    """Zone for naive dates."""


def _now(options: LoadOptions) -> datetime:
    return as_aware(options.now) if options.now is not None else datetime.now(UTC)


def _included(page: Page, rules: _Filter) -> bool:
    if page.draft and not rules.drafts:
        return False
    publish, expiry = page.publish_date, page.expiry_date
    if publish is not None and not rules.future and as_aware(publish, rules.zone) > rules.now:
        return False
    return expiry is None or rules.expired or as_aware(expiry, rules.zone) > rules.now


def _next_change(pages: list[Page], rules: _Filter) -> float | None:
    """The first moment after ``rules.now`` at which :func:`_included` answers otherwise for a page."""
    moments = []
    for page in pages:
        if page.draft and not rules.drafts:
            continue
        for when, kept in ((page.publish_date, rules.future), (page.expiry_date, rules.expired)):
            if when is not None and not kept:
                moment = as_aware(when, rules.zone)
                if moment > rules.now:
                    moments.append(moment.timestamp())
    return min(moments, default=None)


def _link_translations(pages: list[Page], order: Mapping[str, int]) -> list[Page]:
    groups: dict[str, dict[str, Page]] = {}
    for page in pages:
        groups.setdefault(f"{page.kind}\0{page.translation_key}", {}).setdefault(page.lang, page)
    out: list[Page] = []
    for page in pages:
        group = groups[f"{page.kind}\0{page.translation_key}"]
        others = sorted(
            ((lang, other.url) for lang, other in group.items() if lang != page.lang and other is not page),
            key=lambda item: order.get(item[0], 99),
        )
        out.append(replace(page, translations=tuple(others)) if others else page)
    return out


def _newest(values: Iterable[datetime | None], zone: tzinfo) -> datetime | None:
    present = [value for value in values if value is not None]
    return max(present, key=lambda value: as_aware(value, zone)) if present else None


def _aggregate_branch_dates(pages: list[Page], zone: tzinfo) -> list[Page]:
    """Give a home or section page without dates of its own the newest dates of the pages below it.

    Hugo does this (checked with hugo v0.168): a section's ``.Date``, ``.PublishDate`` and
    ``.Lastmod`` are the newest of its descendants' (unlisted ones included), unless its
    ``_index`` file sets a date.
    """
    # The pages below each (language, section path), gathered in one pass: comparing every
    # branch with every page made 16,000 sections take 25 s.
    below: dict[tuple[str, tuple[str, ...]], list[Page]] = {}
    for other in pages:
        for depth in range(len(other.sections) + 1):
            if other.kind == "page" or len(other.sections) > depth:
                below.setdefault((other.lang, other.sections[:depth]), []).append(other)
    out: list[Page] = []
    for page in pages:
        undated = page.date is None and page.publish_date is None and page.lastmod is None
        if page.kind not in ("home", "section") or not undated:
            out.append(page)
            continue
        others = [other for other in below.get((page.lang, page.sections), []) if other is not page]
        out.append(
            replace(
                page,
                date=_newest((other.date for other in others), zone),
                publish_date=_newest((other.publish_date for other in others), zone),
                lastmod=_newest((other.lastmod for other in others), zone),
            )
        )
    return out


def discover(
    config: SiteConfig, options: LoadOptions, limits: Limits = LIMITS
) -> tuple[list[Page], list[Diagnostic]]:
    """Find every page of the site the way Hugo would build it.

    Returns the included pages, sorted by language, kind (home, sections, pages), URL and
    source, and diagnostics. A file that cannot be read becomes an ``error`` diagnostic and
    is left out; the other files still load.
    """
    found = discover_pages(config, options, limits)
    return found.pages, found.diagnostics


@dataclass(frozen=True, slots=True)
class Discovery:
    """What :func:`discover_pages` found."""

    pages: list[Page]
    """The included pages, in :func:`discover`'s order."""
    diagnostics: list[Diagnostic]
    """What reading the files noticed."""
    valid_until: float | None
    """POSIX time at which a page's publish or expiry date passes and the same files give
    another set of pages; None when no such date lies ahead."""


def discover_pages(
    config: SiteConfig, options: LoadOptions, limits: Limits = LIMITS, memo: ReadMemo | None = None
) -> Discovery:
    """:func:`discover`, and until when its answer holds. *memo* keeps what this discovery read
    and made for the next one in this process (``hugo/reread.py``)."""
    diagnostics: list[Diagnostic] = []
    files = collect_files(config, diagnostics)
    allowed = allowed_folders(config)
    layouts = bundle_layouts(files)
    lang_order = {code: index for index, code in enumerate(config.language_codes)}

    content: list[ContentFile] = []
    bundle_files: dict[tuple[int, str], list[ContentFile]] = {}
    for f in files:
        layout = layouts[f.root]
        leaf = layout.leaf_of(f.folder)
        is_content = f.ext in CONTENT_FORMATS
        if leaf is not None:
            bundle_files.setdefault((f.root, leaf), []).append(f)
            if is_content and f.stem == "index" and f.folder == leaf:
                content.append(f)
            continue
        if is_content:
            content.append(f)
        elif f.ext in UNSUPPORTED_FORMATS:
            diagnostics.append(
                Diagnostic(
                    f.source,
                    0,
                    "warning",
                    f"{UNSUPPORTED_FORMATS[f.ext]} content is not supported by notes-site; file skipped",
                    "convert it to Markdown (.md)",
                    "unsupported-format",
                )
            )
        elif f.folder in layout.branch_dirs:
            bundle_files.setdefault((f.root, f.folder), []).append(f)

    if memo is not None:
        memo.begin((allowed, limits))
    parsed: list[ParsedFile] = []
    for f in content:
        try:
            if memo is not None:
                parsed.append(memo.read(f, functools.partial(_read_file, f, allowed, limits)))
            else:
                parsed.append(_read_file(f, allowed, limits))
        except ContentError as exc:
            diagnostics.append(exc.diagnostic)

    cascades: dict[tuple[int, str, str], list[Mapping[str, Any]]] = {}
    for item in parsed:
        if item.file.stem == "_index":
            raw = {str(k).lower(): v for k, v in item.fm.data.items()}.get("cascade")
            entries = cascade_entries(raw)
            if entries:
                cascades[(item.file.root, item.file.lang, item.file.folder)] = entries
    ctx = PageContext(config, layouts, cascades, lang_order)
    if memo is not None:
        memo.start_pages(ctx)

    pages: list[Page] = []
    for item in parsed:
        f = item.file
        resources = bundle_files.get((f.root, f.folder), []) if f.stem in ("index", "_index") else []
        if f.stem == "_index":
            resources = [r for r in resources if r.ext not in CONTENT_FORMATS]
        try:
            if memo is not None:
                make = functools.partial(page_from_file, item, ctx, resources)
                pages.append(memo.page(item, resources, make, diagnostics))
            else:
                pages.append(page_from_file(item, ctx, resources, diagnostics))
        except ContentError as exc:
            diagnostics.append(exc.diagnostic)

    zone: tzinfo = ZoneInfo(config.time_zone) if config.time_zone else UTC
    rules = _Filter(
        drafts=options.drafts or config.build_drafts,
        future=options.future or config.build_future,
        expired=options.expired or config.build_expired,
        now=_now(options),
        zone=zone,
    )
    valid_until = _next_change(pages, rules)
    pages = [page for page in pages if _included(page, rules)]

    # Pages Hugo creates without a file: each language's home, and top-level sections.
    have_home = {p.lang for p in pages if p.kind == "home"}
    # A taxonomy's folder (content/tags/) is never a section, with or without _index.md.
    sections_with_index = {
        (p.lang, p.sections[0]) for p in pages if p.kind in ("section", "taxonomy") and len(p.sections) == 1
    } | {(lang, plural) for lang in config.language_codes for plural in config.taxonomies.values()}
    for lang in config.language_codes:
        if lang not in have_home:
            pages.append(auto_page(config, lang, "home", "", "", ""))
    needed: dict[tuple[str, str], tuple[str, str]] = {}
    for page in pages:
        if page.file is None or not page.file_path:
            continue
        top = page.file_path.split("/")[0]
        is_top_level_bundle = page.bundle == "leaf" and page.file_path.count("/") == 1
        if "/" not in page.file_path or is_top_level_bundle:
            continue
        key = (page.lang, make_path_sanitized(top))
        if key in sections_with_index or key in needed:
            continue
        root_prefix = page.source[: len(page.source) - len(page.file_path)]
        needed[key] = (top, root_prefix)
    for (lang, _), (top, root_prefix) in sorted(needed.items()):
        pages.append(auto_page(config, lang, "section", top, top, root_prefix))

    front_matter = {item.file.source: item.fm for item in parsed}

    def line_of(source: str, key: str) -> int:
        fm = front_matter.get(source)
        return key_line(fm, key) if fm is not None else 0

    pages, collisions = drop_collisions(pages, line_of)
    diagnostics.extend(collisions)

    pages = _aggregate_branch_dates(pages, zone)
    pages = _link_translations(pages, lang_order)
    pages.sort(key=lambda p: (lang_order.get(p.lang, 99), _KIND_ORDER.get(p.kind, 3), p.url, p.source))
    if memo is not None:
        memo.finish()
    return Discovery(pages, diagnostics, valid_until)


def _read_file(f: ContentFile, allowed: tuple[Path, ...], limits: Limits) -> ParsedFile:
    """*f* read and its front matter split from its body; a file that cannot be read, is not
    UTF-8 or has broken front matter raises :class:`ContentError` naming it."""
    try:
        data = read_limited(f.path, allowed, limits.file_bytes)
    except UnsafeFileError as exc:
        raise ContentError(Diagnostic(f.source, 0, "error", exc.message, exc.hint, exc.code)) from None
    except OSError as exc:
        raise ContentError(
            Diagnostic(f.source, 0, "error", f"cannot read file: {exc}", None, "unreadable")
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ContentError(
            Diagnostic(
                f.source,
                line,
                "error",
                f"file is not UTF-8: byte {data[exc.start]:#04x} cannot be decoded; file skipped",
                "save it as UTF-8 (Hugo reads content as UTF-8 too)",
                "unreadable",
            )
        ) from None
    return ParsedFile(f, split_front_matter(text, f.source, limits))
