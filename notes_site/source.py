"""Discover a site's pages by Hugo's rules.

What counts as what (checked against hugo v0.168):

* content files are ``.md``, ``.markdown``, ``.mdown`` (Markdown) and ``.html``, ``.htm``
  (HTML; Hugo 0.168 refuses HTML content unless ``security.allowContent`` allows it, so
  those get a warning); ``.org``, ``.adoc``, ``.rst``, ``.pdc`` etc. are reported and
  skipped; files and folders whose name starts with ``.`` or ``#`` or ends with ``~`` are
  ignored;
* a folder holding ``index.<ext>`` is a leaf bundle: the index is a page (at the folder's
  URL) and every other file below it is one of its resources; a folder holding
  ``_index.<ext>`` is a branch bundle (a section; at the root, the home page);
* top-level folders are sections even without ``_index.md`` (Hugo makes their list page,
  titled by the pluralised, capitalised folder name: ``notes`` → "Notes", ``box`` →
  "Boxes"); deeper folders are sections only with an ``_index`` file;
* ``x.en.md`` belongs to language ``en`` when ``en`` is configured; otherwise ``.en`` is
  part of the name (``/posts/x.en/``). Files without a suffix belong to the language whose
  ``contentDir`` holds them, or to the default language;
* pages whose file has no title have an empty title; a home page without ``_index``
  takes the site (or language) title.

Pages from a per-language ``contentDir`` other than the main one get ``source`` =
``<that contentDir>/<path>`` (e.g. ``content_en/posts/p1.md``), so sources stay unique;
their ``file_path`` is Hugo's ``.File.Path`` (``posts/p1.md``), relative to that folder.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from .config import SiteConfig, as_bool, as_int, lower_keys
from .dates import as_aware, parse_hugo_date
from .errors import ContentError, Diagnostic, UsageError
from .frontmatter import FrontMatter, key_line, split_front_matter
from .urls import (
    PermalinkContext,
    expand_permalink,
    front_matter_url,
    language_prefix,
    logical_path,
    make_path_sanitized,
    page_path_url,
    section_url,
    slug_url,
)

CONTENT_FORMATS: Mapping[str, str] = {
    "md": "markdown",
    "markdown": "markdown",
    "mdown": "markdown",
    "html": "html",
    "htm": "html",
}
"""Content file extensions notes-site reads, and their markup."""

UNSUPPORTED_FORMATS: Mapping[str, str] = {
    "org": "Org",
    "adoc": "AsciiDoc",
    "asciidoc": "AsciiDoc",
    "ad": "AsciiDoc",
    "rst": "reStructuredText",
    "pandoc": "Pandoc",
    "pdc": "Pandoc",
}
"""Extensions Hugo reads as content but notes-site does not."""

_KIND_ORDER = {"home": 0, "section": 1, "page": 2}


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
    """``home``, ``section`` or ``page``."""
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


@dataclass(frozen=True, slots=True)
class _File:
    """A file found under a content folder."""

    path: Path
    """Absolute path."""
    rel: str
    """Posix path relative to its content folder (Hugo's ``.File.Path``)."""
    source: str
    """Unique name used in diagnostics and ``Page.source``."""
    folder: str
    """Posix folder relative to the content folder (``""`` at the root)."""
    stem: str
    """File name without extension and language suffix."""
    ext: str
    """Lower-case extension without the dot."""
    lang: str
    """Language by suffix, or the content folder's language."""
    has_lang_suffix: bool
    """Whether the name carries a configured language suffix."""
    root: int
    """Index of the content folder the file is in."""


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A content file with its front matter read."""

    file: _File
    """The file."""
    fm: FrontMatter
    """Front matter and body."""


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


def _ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith("~")


def _walk(root: Path) -> list[str]:
    """Posix paths of the files under ``root``, sorted, skipping Hugo-ignored names."""
    found: list[str] = []
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not _ignored(d))
        rel_dir = Path(current).relative_to(root).as_posix()
        for name in sorted(files):
            if not _ignored(name):
                found.append(name if rel_dir == "." else f"{rel_dir}/{name}")
    return sorted(found)


def _split_name(name: str, languages: frozenset[str]) -> tuple[str, str, str | None]:
    """``x.en.md`` → (``x``, ``md``, ``en``); an unconfigured suffix stays in the stem."""
    base, dot, ext = name.rpartition(".")
    if not dot or not base:
        return name, "", None
    stem, dot, suffix = base.rpartition(".")
    if dot and stem and suffix.lower() in languages:
        return stem, ext.lower(), suffix.lower()
    return base, ext.lower(), None


def _content_roots(config: SiteConfig) -> list[tuple[Path, str, str]]:
    """(folder, owner language, source prefix) for every content folder to read."""
    roots: list[tuple[Path, str, str]] = []
    seen: set[Path] = set()
    shared = [lang.code for lang in config.languages if not lang.content_dir]
    if shared:
        owner = config.default_language if config.default_language in shared else shared[0]
        roots.append((config.content_path, owner, ""))
        seen.add(config.content_path)
    for lang in config.languages:
        if not lang.content_dir:
            continue
        path = config.language_content_path(lang.code)
        if path in seen:
            continue
        seen.add(path)
        prefix = Path(os.path.relpath(path, config.site_dir)).as_posix()
        roots.append((path, lang.code, prefix + "/"))
    return roots


def _collect(config: SiteConfig, diagnostics: list[Diagnostic]) -> list[_File]:
    codes = frozenset(config.language_codes)
    files: list[_File] = []
    roots = _content_roots(config)
    if not any(root.is_dir() for root, _, _ in roots):
        raise UsageError(f"content folder not found: {config.content_path}")
    for index, (root, owner, prefix) in enumerate(roots):
        if not root.is_dir():
            diagnostics.append(
                Diagnostic(
                    prefix.rstrip("/") or config.content_dir,
                    0,
                    "warning",
                    f"content folder of language {owner!r} does not exist",
                    "create it or remove contentDir from that language",
                    "missing-content-dir",
                )
            )
            continue
        for rel in _walk(root):
            folder, _, name = rel.rpartition("/")
            stem, ext, lang = _split_name(name, codes)
            own_lang = lang or owner
            files.append(
                _File(root / rel, rel, prefix + rel, folder, stem, ext, own_lang, lang is not None, index)
            )
    return files


def _parents(folder: str) -> Iterable[str]:
    """``a/b/c`` → ``a/b/c``, ``a/b``, ``a``, ``""``."""
    parts = folder.split("/") if folder else []
    for end in range(len(parts), -1, -1):
        yield "/".join(parts[:end])


@dataclass(frozen=True, slots=True)
class _Layout:
    """Bundle structure of one content folder."""

    leaf_dirs: frozenset[str]
    """Folders holding an ``index.<ext>`` content file."""
    branch_dirs: frozenset[str]
    """Folders holding an ``_index.<ext>`` content file (``""`` for the home page)."""

    def leaf_of(self, folder: str) -> str | None:
        """The outermost leaf bundle containing ``folder`` (itself included), if any."""
        for candidate in reversed(list(_parents(folder))):
            if candidate and candidate in self.leaf_dirs:
                return candidate
        return None

    def section_of(self, folder: str) -> str:
        """The folder of the nearest section containing ``folder``; ``""`` for the root."""
        for candidate in _parents(folder):
            if not candidate:
                return ""
            if candidate in self.branch_dirs or "/" not in candidate:
                return candidate
        return ""


def _layouts(files: list[_File]) -> dict[int, _Layout]:
    leaf: dict[int, set[str]] = {}
    branch: dict[int, set[str]] = {}
    for f in files:
        if f.ext not in CONTENT_FORMATS:
            continue
        if f.stem == "index" and f.folder:
            leaf.setdefault(f.root, set()).add(f.folder)
        elif f.stem == "_index":
            branch.setdefault(f.root, set()).add(f.folder)
    roots = {f.root for f in files}
    return {
        root: _Layout(frozenset(leaf.get(root, set())), frozenset(branch.get(root, set()))) for root in roots
    }


def _merge_defaults(defaults: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """``own`` over ``defaults``; ``params`` tables are merged key by key."""
    out = dict(defaults)
    for key, value in own.items():
        if key == "params" and isinstance(out.get(key), Mapping) and isinstance(value, Mapping):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _glob_match(pattern: str, value: str) -> bool:
    """Hugo-style glob: ``**`` crosses slashes, ``*`` does not (approximated with fnmatch)."""
    regex = fnmatch.translate(pattern.replace("**", "\0")).replace("\0", ".*")
    return re.match(regex, value) is not None


def _cascade_entries(value: Any) -> list[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, Mapping)]
    return []


def _cascade_for(entries: list[Mapping[str, Any]], path: str, kind: str, lang: str) -> dict[str, Any]:
    """Merge the cascade entries (lower-cased) that target this page."""
    out: dict[str, Any] = {}
    for entry in entries:
        target = entry.get("_target", entry.get("target"))
        if isinstance(target, Mapping):
            if "path" in target and not _glob_match(str(target["path"]), path):
                continue
            if "kind" in target and not _glob_match(str(target["kind"]), kind):
                continue
            if "lang" in target and not _glob_match(str(target["lang"]), lang):
                continue
        values = {k: v for k, v in entry.items() if k not in ("_target", "target")}
        out = _merge_defaults(out, values)
    return out


_ENGLISH_IRREGULAR = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "mouse": "mice",
    "goose": "geese",
    "foot": "feet",
    "tooth": "teeth",
}
_ENGLISH_UNCOUNTABLE = frozenset(
    {"news", "data", "information", "equipment", "rice", "money", "species", "series", "fish", "sheep"}
)


def pluralize(word: str) -> str:
    """A small English pluraliser approximating Hugo's (``box`` → ``boxes``, ``笔记`` → ``笔记s``)."""
    lower = word.lower()
    if not word or lower in _ENGLISH_UNCOUNTABLE:
        return word
    head, _, last = word.rpartition(" ")
    last_lower = last.lower()
    if last_lower in _ENGLISH_IRREGULAR:
        plural = _ENGLISH_IRREGULAR[last_lower]
        plural = plural[0].upper() + plural[1:] if last[:1].isupper() else plural
    elif last_lower.endswith(("us", "ss", "sh", "ch", "x")):
        plural = last + "es"
    elif last_lower.endswith("z"):
        plural = last + ("zes" if last_lower.endswith("iz") else "es")
    elif last_lower.endswith("s"):
        plural = last
    elif last_lower.endswith("y") and len(last_lower) > 1 and last_lower[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def auto_section_title(folder_name: str) -> str:
    """Title Hugo gives a section without ``_index``: pluralised, capitalised (``my sec`` → ``My Secs``)."""
    plural = pluralize(folder_name)
    return " ".join(word[:1].upper() + word[1:] for word in plural.split(" "))


def _terms(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value if item is not None)
    return (str(value),)


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


def _resources(
    files: list[_File], lang: str, order: Mapping[str, int], exclude: _File | None, bundle_dir: str
) -> tuple[str, ...]:
    """Resources of one language: own-language variant, else unsuffixed, else another language's.

    Every language's index file is left out.
    """
    variants: dict[str, list[_File]] = {}
    for f in files:
        if f is exclude or (f.stem == "index" and f.ext in CONTENT_FORMATS and f.folder == bundle_dir):
            continue
        key = f.rel if not f.has_lang_suffix else f.rel.replace(f".{f.lang}.", ".", 1)
        variants.setdefault(key, []).append(f)
    chosen: list[str] = []
    for options in variants.values():
        own = [f for f in options if f.has_lang_suffix and f.lang == lang]
        plain = [f for f in options if not f.has_lang_suffix]
        others = sorted(options, key=lambda f: order.get(f.lang, 99))
        pick = (own or plain or others)[0]
        chosen.append(pick.rel)
    return tuple(sorted(chosen))


def _now(options: LoadOptions) -> datetime:
    return as_aware(options.now) if options.now is not None else datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class _Context:
    """Site-wide inputs shared by every page built in one discover() run."""

    config: SiteConfig
    """The site config."""
    layouts: Mapping[int, _Layout]
    """Bundle layout per content folder."""
    cascades: Mapping[tuple[int, str, str], list[Mapping[str, Any]]]
    """(content folder, lang, folder) → cascade entries of that folder's ``_index``."""
    lang_order: Mapping[str, int]
    """Language code → position."""


def _build_page(
    parsed: _Parsed, ctx: _Context, resources: list[_File], diagnostics: list[Diagnostic]
) -> Page:
    f, fm, config = parsed.file, parsed.fm, ctx.config
    layout = ctx.layouts[f.root]
    parent: str | None  # folder holding the page's node; None for the home page
    if f.stem == "_index":
        kind = "home" if not f.folder else "section"
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
    section_dir = folder if kind == "section" else layout.section_of(page_dir)

    # Cascades from the home page down to the nearest ancestor; a section's own cascade
    # applies to its descendants, not to itself. Same-language _index files only.
    cascade: dict[str, Any] = {}
    ancestors = list(_parents(parent)) if parent is not None else []
    for anc in reversed(ancestors):
        entries = ctx.cascades.get((f.root, f.lang, anc), [])
        cascade = _merge_defaults(cascade, _cascade_for(lower_keys(entries), path_key, kind, f.lang))
    own = lower_keys(fm.data)
    eff = _merge_defaults(cascade, own)

    dates = _read_dates(eff, config, fm, f.source)
    sections = tuple(make_path_sanitized(part) for part in section_dir.split("/")) if section_dir else ()
    section = sections[0] if sections else ""
    title = _title_text(eff.get("title")) if "title" in eff else ""
    slug_value = eff.get("slug")
    slug = str(slug_value) if slug_value not in (None, "") else None
    prefix = language_prefix(f.lang, config.default_language, config.default_language_in_subdir)
    url_value = eff.get("url")

    if kind == "home":
        url = f"{prefix}/"
    elif isinstance(url_value, str) and url_value.strip():
        url = front_matter_url(url_value, prefix)
    else:
        pattern = config.permalinks.get(kind, {}).get(section) if section else None
        if pattern:
            permalink_ctx = PermalinkContext(
                dates.date, section, sections, title, slug, name or PurePosixPath(folder).name
            )
            url = expand_permalink(pattern, permalink_ctx, prefix)
        elif kind == "section":
            url = section_url(folder, prefix)
        elif slug:
            url = slug_url(page_dir, slug, prefix, config.ugly_urls)
        else:
            url = page_path_url(page_dir, name or PurePosixPath(folder).name, prefix, config.ugly_urls)

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

    summary = eff.get("summary")
    translation_key = eff.get("translationkey")
    resource_names: tuple[str, ...] = ()
    if bundle is not None:
        resource_names = tuple(
            _bundle_rel_path(rel, folder) for rel in _resources(resources, f.lang, ctx.lang_order, f, folder)
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
        taxonomies={plural: _terms(eff.get(plural.lower())) for plural in config.taxonomies.values()},
        resources=resource_names,
        headless=headless,
        summary=str(summary) if summary is not None else None,
        file_path=f.rel,
        build_render=render,
        build_list=list_option,
    )


def _bundle_rel_path(rel: str, folder: str) -> str:
    return rel[len(folder) + 1 :] if folder and rel.startswith(folder + "/") else rel


def _auto_page(
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


def _included(page: Page, rules: _Filter) -> bool:
    if page.draft and not rules.drafts:
        return False
    publish, expiry = page.publish_date, page.expiry_date
    if publish is not None and not rules.future and as_aware(publish, rules.zone) > rules.now:
        return False
    return expiry is None or rules.expired or as_aware(expiry, rules.zone) > rules.now


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
    out: list[Page] = []
    for page in pages:
        undated = page.date is None and page.publish_date is None and page.lastmod is None
        if page.kind not in ("home", "section") or not undated:
            out.append(page)
            continue
        depth = len(page.sections)
        below = [
            other
            for other in pages
            if other is not page
            and other.lang == page.lang
            and other.sections[:depth] == page.sections
            and (other.kind == "page" or len(other.sections) > depth)
        ]
        out.append(
            replace(
                page,
                date=_newest((other.date for other in below), zone),
                publish_date=_newest((other.publish_date for other in below), zone),
                lastmod=_newest((other.lastmod for other in below), zone),
            )
        )
    return out


def discover(config: SiteConfig, options: LoadOptions) -> tuple[list[Page], list[Diagnostic]]:
    """Find every page of the site the way Hugo would build it.

    Returns the included pages, sorted by language, kind (home, sections, pages), URL and
    source, and diagnostics. A file that cannot be read becomes an ``error`` diagnostic and
    is left out; the other files still load.
    """
    diagnostics: list[Diagnostic] = []
    files = _collect(config, diagnostics)
    layouts = _layouts(files)
    lang_order = {code: index for index, code in enumerate(config.language_codes)}

    content: list[_File] = []
    bundle_files: dict[tuple[int, str], list[_File]] = {}
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

    parsed: list[_Parsed] = []
    for f in content:
        try:
            data = f.path.read_bytes()
        except OSError as exc:
            diagnostics.append(
                Diagnostic(f.source, 0, "error", f"cannot read file: {exc}", None, "unreadable")
            )
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            diagnostics.append(
                Diagnostic(
                    f.source,
                    line,
                    "error",
                    f"file is not UTF-8: byte {data[exc.start]:#04x} cannot be decoded; file skipped",
                    "save it as UTF-8 (Hugo reads content as UTF-8 too)",
                    "unreadable",
                )
            )
            continue
        try:
            parsed.append(_Parsed(f, split_front_matter(text, f.source)))
        except ContentError as exc:
            diagnostics.append(exc.diagnostic)

    cascades: dict[tuple[int, str, str], list[Mapping[str, Any]]] = {}
    for item in parsed:
        if item.file.stem == "_index":
            raw = {str(k).lower(): v for k, v in item.fm.data.items()}.get("cascade")
            entries = _cascade_entries(raw)
            if entries:
                cascades[(item.file.root, item.file.lang, item.file.folder)] = entries
    ctx = _Context(config, layouts, cascades, lang_order)

    pages: list[Page] = []
    for item in parsed:
        f = item.file
        resources = bundle_files.get((f.root, f.folder), []) if f.stem in ("index", "_index") else []
        if f.stem == "_index":
            resources = [r for r in resources if r.ext not in CONTENT_FORMATS]
        try:
            pages.append(_build_page(item, ctx, resources, diagnostics))
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
    pages = [page for page in pages if _included(page, rules)]

    # Pages Hugo creates without a file: each language's home, and top-level sections.
    have_home = {p.lang for p in pages if p.kind == "home"}
    sections_with_index = {
        (p.lang, p.sections[0]) for p in pages if p.kind == "section" and len(p.sections) == 1
    }
    for lang in config.language_codes:
        if lang not in have_home:
            pages.append(_auto_page(config, lang, "home", "", "", ""))
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
        pages.append(_auto_page(config, lang, "section", top, top, root_prefix))

    seen_urls: dict[tuple[str, str], str] = {}
    for page in sorted(pages, key=lambda p: p.source):
        key = (page.lang, page.url)
        if key in seen_urls and not page.headless:
            diagnostics.append(
                Diagnostic(
                    page.source,
                    0,
                    "warning",
                    f"{page.url} is also the URL of {seen_urls[key]}; one will overwrite the other",
                    "give one of them a different slug or url",
                    "duplicate-url",
                )
            )
        elif not page.headless:
            seen_urls[key] = page.source

    pages = _aggregate_branch_dates(pages, zone)
    pages = _link_translations(pages, lang_order)
    pages.sort(key=lambda p: (lang_order.get(p.lang, 99), _KIND_ORDER.get(p.kind, 3), p.url, p.source))
    return pages, diagnostics
