"""Make a :class:`Page` from a content file (front matter, cascade, dates, URL), or for a page
Hugo makes without one."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from notes_site.base.errors import ContentError, Diagnostic
from notes_site.hugo.cascade import cascade_for, merge_defaults
from notes_site.hugo.config import SiteConfig
from notes_site.hugo.dates import parse_hugo_date
from notes_site.hugo.files import (
    CONTENT_FORMATS,
    BundleLayout,
    ContentFile,
    bundle_rel_path,
    bundle_resources,
    parent_folders,
)
from notes_site.hugo.frontmatter import FrontMatter, key_line
from notes_site.hugo.outputs import output_problem
from notes_site.hugo.page import Page
from notes_site.hugo.titles import auto_section_title
from notes_site.hugo.urls import (
    PermalinkContext,
    expand_permalink,
    front_matter_url,
    language_prefix,
    logical_path,
    make_path_sanitized,
    page_path_url,
    section_url,
    slug_url,
    ugly_url,
)
from notes_site.hugo.values import as_bool, as_int, lower_keys


def _terms(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value if item is not None)
    return (str(value),)


def taxonomy_terms(value: Any) -> tuple[str, ...]:
    """A page's terms of one taxonomy as Hugo keeps them: a term whose URL would be empty
    (``""``, ``"?"``) is dropped, and terms with the same URL (``HTML``, ``html``) are one
    term, spelled as first written."""
    seen: dict[str, str] = {}
    for term in _terms(value):
        key = make_path_sanitized(term.strip())
        if key and key not in seen:
            seen[key] = term.strip()
    return tuple(seen.values())


_BRANCH_KINDS = ("section", "taxonomy", "term")


def _branch_kind(folder: str, plurals: frozenset[str]) -> str:
    """``_index`` of ``tags/`` is the taxonomy page, of ``tags/go/`` a term page (as in Hugo)."""
    parts = [make_path_sanitized(part) for part in folder.split("/")]
    if parts[0] in plurals and len(parts) <= 2:
        return "taxonomy" if len(parts) == 1 else "term"
    return "section"


def _title_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True, slots=True)
class _Dates:
    """A page's four dates."""

    date: datetime | None
    """``.Date``."""
    publish_date: datetime | None
    """``.PublishDate``."""
    lastmod: datetime | None
    """``.Lastmod``."""
    expiry_date: datetime | None
    """``.ExpiryDate``."""


def _read_dates(eff: Mapping[str, Any], config: SiteConfig, fm: FrontMatter, source: str) -> _Dates:
    """Resolve the date chains; any date key Hugo would reject raises ContentError at its line."""
    chains = config.front_matter_dates
    parsed: dict[str, datetime] = {}
    for key in dict.fromkeys(k for chain in chains.values() for k in chain):
        value = eff.get(key)
        if value is None or value == "":
            continue
        try:
            parsed[key] = parse_hugo_date(value)
        except ValueError as exc:
            raise ContentError(
                Diagnostic(
                    source,
                    key_line(fm, key),
                    "error",
                    f'the "{key}" front matter field is not a date Hugo can read: {value!r}',
                    str(exc).split("; ", 1)[-1],
                    "bad-date",
                )
            ) from exc

    def first(name: str) -> datetime | None:
        for key in chains.get(name, ()):
            if key in parsed:
                return parsed[key]
        return None

    date = first("date")
    publish = first("publishdate")
    lastmod = first("lastmod")
    return _Dates(
        date=date,
        publish_date=publish if publish is not None else date,
        lastmod=lastmod if lastmod is not None else date,
        expiry_date=first("expirydate"),
    )


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A content file with its front matter read."""

    file: ContentFile
    """The file."""
    fm: FrontMatter
    """Front matter and body."""


@dataclass(frozen=True, slots=True)
class PageContext:
    """Site-wide inputs shared by every page built in one discover() run."""

    config: SiteConfig
    """The site config."""
    layouts: Mapping[int, BundleLayout]
    """Bundle layout per content folder."""
    cascades: Mapping[tuple[int, str, str], list[Mapping[str, Any]]]
    """(content folder, lang, folder) → cascade entries of that folder's ``_index``."""
    lang_order: Mapping[str, int]
    """Language code → position."""


def page_from_file(
    parsed: ParsedFile, ctx: PageContext, resources: list[ContentFile], diagnostics: list[Diagnostic]
) -> Page:
    f, fm, config = parsed.file, parsed.fm, ctx.config
    layout = ctx.layouts[f.root]
    parent: str | None  # folder holding the page's node; None for the home page
    if f.stem == "_index":
        kind = "home" if not f.folder else _branch_kind(f.folder, frozenset(config.taxonomies.values()))
        bundle, folder, name = "branch", f.folder, ""
        parent = f.folder.rpartition("/")[0] if f.folder else None
        page_dir = f.folder
    elif f.stem == "index" and f.folder:
        kind, bundle, folder = "page", "leaf", f.folder
        page_dir, _, name = f.folder.rpartition("/")
        parent = page_dir
    else:
        kind, bundle, folder, name = "page", None, f.folder, f.stem
        page_dir = parent = f.folder
    path_key = logical_path(f"{page_dir}/{name}" if name else page_dir)
    section_dir = folder if kind in _BRANCH_KINDS else layout.section_of(page_dir)

    # Cascades from the home page down to the nearest ancestor; a section's own cascade
    # applies to its descendants, not to itself. Same-language _index files only.
    cascade: dict[str, Any] = {}
    ancestors = list(parent_folders(parent)) if parent is not None else []
    for anc in reversed(ancestors):
        entries = ctx.cascades.get((f.root, f.lang, anc), [])
        cascade = merge_defaults(cascade, cascade_for(lower_keys(entries), path_key, kind, f.lang))
    own = lower_keys(fm.data)
    eff = merge_defaults(cascade, own)

    dates = _read_dates(eff, config, fm, f.source)
    sections = tuple(make_path_sanitized(part) for part in section_dir.split("/")) if section_dir else ()
    section = sections[0] if sections else ""
    title = _title_text(eff.get("title")) if "title" in eff else ""
    slug_value = eff.get("slug")
    slug = str(slug_value) if slug_value not in (None, "") else None
    prefix = language_prefix(f.lang, config.default_language, config.default_language_in_subdir)
    url_value = eff.get("url")

    url_key = ""  # the front matter key that made the URL, for diagnostics
    if kind == "home":
        url = f"{prefix}/"
    elif isinstance(url_value, str) and url_value.strip():
        url, url_key = front_matter_url(url_value, prefix), "url"
    else:
        pattern = config.permalinks.get(kind, {}).get(section) if section else None
        if pattern:
            url_key = "slug" if slug and ":slug" in pattern else "title" if ":title" in pattern else ""
            permalink_ctx = PermalinkContext(
                dates.date, section, sections, title, slug, name or PurePosixPath(folder).name
            )
            url = expand_permalink(pattern, permalink_ctx, prefix)
            if config.ugly_urls and kind == "page":
                url = ugly_url(url)
        elif kind in _BRANCH_KINDS:
            url = section_url(folder, prefix)
        elif slug:
            url, url_key = slug_url(page_dir, slug, prefix, config.ugly_urls), "slug"
        else:
            url = page_path_url(page_dir, name or PurePosixPath(folder).name, prefix, config.ugly_urls)

    problem = output_problem(url)
    if problem is not None:
        raise ContentError(
            Diagnostic(
                f.source,
                key_line(fm, url_key) if url_key else 0,
                "error",
                f"the page URL {url!r} cannot be used: {problem}; the page is left out",
                'write url or slug as a path inside the site ("/notes/x/"), or rename the file',
                "unsafe-url",
            )
        )

    params: dict[str, Any] = {k: v for k, v in eff.items() if k != "params"}
    if isinstance(eff.get("params"), Mapping):
        params.update(lower_keys(eff["params"]))

    headless = as_bool(eff.get("headless", False))
    build = eff.get("build") if isinstance(eff.get("build"), Mapping) else {}
    assert isinstance(build, Mapping)
    render = "never" if headless else str(build.get("render", "always")).lower()
    list_option = "never" if headless else str(build.get("list", "always")).lower()
    if render in ("true", "false"):
        render = "always" if render == "true" else "never"

    aliases: list[str] = []
    raw_aliases = eff.get("aliases")
    for alias in _terms(raw_aliases):
        if alias.startswith("/"):
            aliases.append(alias.rstrip("/") or "/")
        else:
            # Relative to the folder of the page's URL (checked with hugo: "older" on
            # /Custom/Path With Space/ → /Custom/older).
            base = url.rstrip("/").rpartition("/")[0]
            aliases.append(re.sub(r"/{2,}", "/", f"{base}/{alias}").rstrip("/"))
    for alias in [a for a in aliases if output_problem(a) is not None]:
        aliases.remove(alias)
        diagnostics.append(
            Diagnostic(
                f.source,
                key_line(fm, "aliases"),
                "error",
                f"the alias {alias!r} cannot be used: {output_problem(alias)}; the alias is left out",
                "write aliases as paths inside the site",
                "unsafe-url",
            )
        )

    summary = eff.get("summary")
    translation_key = eff.get("translationkey")
    resource_names: tuple[str, ...] = ()
    if bundle is not None:
        resource_names = tuple(
            bundle_rel_path(rel, folder)
            for rel in bundle_resources(resources, f.lang, ctx.lang_order, f, folder)
        )
    if CONTENT_FORMATS[f.ext] == "html":
        diagnostics.append(
            Diagnostic(
                f.source,
                0,
                "warning",
                "Hugo 0.168 refuses HTML content files unless security.allowContent allows text/html",
                "rename it to .md, or allow HTML content in the Hugo config",
                "html-content",
            )
        )
    return Page(
        source=f.source,
        file=f.path,
        lang=f.lang,
        kind=kind,
        bundle=bundle,
        section=section,
        sections=sections,
        title=title,
        front_matter=fm.data,
        params=params,
        body=fm.body,
        body_line=fm.body_line,
        format=CONTENT_FORMATS[f.ext],
        url=url,
        date=dates.date,
        publish_date=dates.publish_date,
        lastmod=dates.lastmod,
        expiry_date=dates.expiry_date,
        draft=as_bool(eff.get("draft", False)),
        slug=slug,
        aliases=tuple(aliases),
        translation_key=str(translation_key) if translation_key not in (None, "") else path_key,
        translations=(),
        weight=as_int(eff.get("weight", 0)),
        toc=as_bool(eff.get("toc", False)),
        taxonomies={plural: taxonomy_terms(eff.get(plural.lower())) for plural in config.taxonomies.values()},
        resources=resource_names,
        headless=headless,
        summary=str(summary) if summary is not None else None,
        file_path=f.rel,
        build_render=render,
        build_list=list_option,
    )


def auto_page(
    config: SiteConfig, lang: str, kind: str, folder: str, folder_name: str, root_prefix: str
) -> Page:
    """A home or top-level section page Hugo creates without an ``_index`` file."""
    prefix = language_prefix(lang, config.default_language, config.default_language_in_subdir)
    section = make_path_sanitized(folder) if folder else ""
    if kind == "home":
        language = config.language(lang)
        title = language.title if language.title is not None else config.title
        url = f"{prefix}/"
    else:
        title = auto_section_title(folder_name)
        pattern = config.permalinks.get("section", {}).get(section)
        if pattern:
            ctx = PermalinkContext(None, section, (section,), title, None, folder_name)
            url = expand_permalink(pattern, ctx, prefix)
        else:
            url = section_url(folder, prefix)
    return Page(
        source=root_prefix + folder,
        file=None,
        lang=lang,
        kind=kind,
        bundle="branch",
        section=section,
        sections=(section,) if section else (),
        title=title,
        front_matter={},
        params={},
        body="",
        body_line=1,
        format="markdown",
        url=url,
        date=None,
        publish_date=None,
        lastmod=None,
        expiry_date=None,
        draft=False,
        slug=None,
        aliases=(),
        translation_key=logical_path(folder),
        translations=(),
        weight=0,
        toc=False,
        taxonomies={plural: () for plural in config.taxonomies.values()},
        resources=(),
        headless=False,
        summary=None,
    )
