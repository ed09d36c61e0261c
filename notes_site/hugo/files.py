"""Walk the content folders: which files are content, which are bundle resources, in which language.

* content files are ``.md``, ``.markdown``, ``.mdown`` (Markdown) and ``.html``, ``.htm``
  (HTML); ``.org``, ``.adoc``, ``.rst``, ``.pdc`` etc. are reported and skipped; files and
  folders whose name starts with ``.`` or ``#`` or ends with ``~`` are ignored;
* a folder holding ``index.<ext>`` is a leaf bundle: every other file below it is one of
  its resources; a folder holding ``_index.<ext>`` is a branch bundle;
* ``x.en.md`` belongs to language ``en`` when ``en`` is configured; otherwise ``.en`` is
  part of the name. Files without a suffix belong to the language whose ``contentDir``
  holds them, or to the default language."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from notes_site.base.errors import Diagnostic, UsageError
from notes_site.base.safefiles import walk_files
from notes_site.hugo.config import SiteConfig

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


@dataclass(frozen=True, slots=True)
class ContentFile:
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


def _ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith("~")


def allowed_folders(config: SiteConfig) -> tuple[Path, ...]:
    """Where symlinks under a content folder may point: the site folder and every content folder."""
    return (config.site_dir, *(root for root, *_ in _content_roots(config)))


def _walk(root: Path, allowed: tuple[Path, ...], prefix: str, diagnostics: list[Diagnostic]) -> list[str]:
    """Posix paths of the files under ``root``, sorted, skipping Hugo-ignored names; symlinks that
    leave the site, loops and special files are reported (:func:`~notes_site.base.safefiles.walk_files`)."""
    found, skipped = walk_files(root, allowed, _ignored)
    for entry in skipped:
        diagnostics.append(
            Diagnostic(prefix + entry.rel, 0, "warning", entry.message, entry.hint, entry.code)
        )
    return found


def _split_name(name: str, languages: frozenset[str]) -> tuple[str, str, str | None]:
    """``x.en.md`` → (``x``, ``md``, ``en``); an unconfigured suffix stays in the stem."""
    base, dot, ext = name.rpartition(".")
    if not dot or not base:
        return name, "", None
    stem, dot, suffix = base.rpartition(".")
    if dot and stem and suffix.lower() in languages:
        return stem, ext.lower(), suffix.lower()
    return base, ext.lower(), None


def _content_roots(config: SiteConfig) -> list[tuple[Path, str, str, str]]:
    """(folder, owner language, source prefix, mount target) for every content folder to read.

    The mount target is the folder inside the content tree the files appear in (``""`` unless
    ``module.mounts`` says ``target = "content/sub"``).
    """
    roots: list[tuple[Path, str, str, str]] = []
    seen: set[tuple[Path, str]] = set()

    def prefix_of(path: Path) -> str:
        if path == config.content_path:
            return ""
        return Path(os.path.relpath(path, config.site_dir)).as_posix() + "/"

    if config.content_mounts:
        for mount in config.content_mounts:
            path = (config.site_dir / mount.source).resolve()
            owner = mount.lang if mount.lang in config.language_codes else config.default_language
            if (path, mount.target) not in seen:
                seen.add((path, mount.target))
                roots.append((path, owner or config.default_language, prefix_of(path), mount.target))
        return roots
    shared = [lang.code for lang in config.languages if not lang.content_dir]
    if shared:
        owner = config.default_language if config.default_language in shared else shared[0]
        roots.append((config.content_path, owner, "", ""))
        seen.add((config.content_path, ""))
    for lang in config.languages:
        if not lang.content_dir:
            continue
        path = config.language_content_path(lang.code)
        if (path, "") in seen:
            continue
        seen.add((path, ""))
        roots.append((path, lang.code, prefix_of(path), ""))
    return roots


def collect_files(config: SiteConfig, diagnostics: list[Diagnostic]) -> list[ContentFile]:
    codes = frozenset(config.language_codes)
    files: list[ContentFile] = []
    roots = _content_roots(config)
    allowed = allowed_folders(config)
    if not any(root.is_dir() for root, *_ in roots):
        if not config.config_files:
            raise UsageError(f"content folder not found: {config.content_path}")
        # Hugo builds a site without content (a theme's bare example site); so does notes-site.
        diagnostics.append(
            Diagnostic(
                config.config_files[0],
                0,
                "warning",
                f"there is no content folder ({config.content_dir}/): the site has no pages of its own",
                f"create {config.content_dir}/ and put Markdown files in it",
                "missing-content-dir",
            )
        )
        return files
    ignored: list[re.Pattern[str]] = []
    for pattern in config.ignore_files:
        try:
            ignored.append(re.compile(pattern))
        except re.error:
            diagnostics.append(
                Diagnostic(
                    config.config_files[0] if config.config_files else "",
                    0,
                    "warning",
                    f"ignoreFiles pattern {pattern!r} is not a regular expression notes-site can read",
                    "Go's RE2 syntax mostly matches Python's; simplify the pattern",
                    "bad-config",
                )
            )
    for index, (root, owner, prefix, target) in enumerate(roots):
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
        for walked in _walk(root, allowed, prefix, diagnostics):
            if any(p.search(walked) or p.search(str(root / walked)) for p in ignored):
                continue
            rel = f"{target}/{walked}" if target else walked
            folder, _, name = rel.rpartition("/")
            stem, ext, lang = _split_name(name, codes)
            own_lang = lang or owner
            files.append(
                ContentFile(
                    root / walked, rel, prefix + walked, folder, stem, ext, own_lang, lang is not None, index
                )
            )
    return files


def parent_folders(folder: str) -> Iterable[str]:
    """``a/b/c`` → ``a/b/c``, ``a/b``, ``a``, ``""``."""
    parts = folder.split("/") if folder else []
    for end in range(len(parts), -1, -1):
        yield "/".join(parts[:end])


@dataclass(frozen=True, slots=True)
class BundleLayout:
    """Bundle structure of one content folder."""

    leaf_dirs: frozenset[str]
    """Folders holding an ``index.<ext>`` content file."""
    branch_dirs: frozenset[str]
    """Folders holding an ``_index.<ext>`` content file (``""`` for the home page)."""

    def leaf_of(self, folder: str) -> str | None:
        """The outermost leaf bundle containing ``folder`` (itself included), if any."""
        for candidate in reversed(list(parent_folders(folder))):
            if candidate and candidate in self.leaf_dirs:
                return candidate
        return None

    def section_of(self, folder: str) -> str:
        """The folder of the nearest section containing ``folder``; ``""`` for the root."""
        for candidate in parent_folders(folder):
            if not candidate:
                return ""
            if candidate in self.branch_dirs or "/" not in candidate:
                return candidate
        return ""


def bundle_layouts(files: list[ContentFile]) -> dict[int, BundleLayout]:
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
        root: BundleLayout(frozenset(leaf.get(root, set())), frozenset(branch.get(root, set())))
        for root in roots
    }


def bundle_resources(
    files: list[ContentFile],
    lang: str,
    order: Mapping[str, int],
    exclude: ContentFile | None,
    bundle_dir: str,
) -> tuple[str, ...]:
    """Resources of one language: own-language variant, else unsuffixed, else another language's.

    Every language's index file is left out.
    """
    variants: dict[str, list[ContentFile]] = {}
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


def bundle_rel_path(rel: str, folder: str) -> str:
    return rel[len(folder) + 1 :] if folder and rel.startswith(folder + "/") else rel
