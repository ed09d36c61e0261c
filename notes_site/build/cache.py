"""The persistent build cache, in ``<site>/.notes-site/cache/``: what a rebuild need not make again.

Five things are kept, all keyed by content, never by time:

* each document's ``ParsedDocument`` (:mod:`notes_site.build.documents`), under a key made of
  the page itself (front matter, body, URL …), everything rendering a body depends on (the
  templates, ``baseURL``, the time zone, raw-HTML policy, site params) and, for a body that
  uses ``ref``/``relref``, every page's URL;
* per output folder, the :class:`OutputManifest` of the last build written there: each
  file's fingerprint (what it was made from), the hash of its bytes and its size and
  modification time as written, so that a rebuild can tell which files it can keep;
* the formatted references, by style and CSL item (``output/references.py``);
* the compiled templates, Jinja's own bytecode cache (checked against each template's source);
* per output folder, the spare: the output the last build replaced, which the next one stages
  from (``output/spare.py``; every file in it is checked against the live output).

The folder is namespaced by cache schema and notes-site version, so an upgrade starts from
an empty cache. Entries are written to a temporary file and renamed into place, so a build
killed mid-write leaves no torn entry. A cache that cannot be read is treated as empty; one
that cannot be written is skipped (the build still succeeds).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache

from notes_site.base.code import code_version
from notes_site.base.errors import Diagnostic
from notes_site.build.fingerprint import digest
from notes_site.build.stamp import InputStamp

CACHE_FOLDER = Path(".notes-site") / "cache"
"""Where the cache lives, relative to the site folder (``new site`` git-ignores ``.notes-site/``)."""

SCHEMA = 5
"""Bumped whenever what is stored changes shape."""


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """One file of a written site, as the build that wrote it left it."""

    fingerprint: str
    """Hash of what the file was made from (its template and values); ``""`` for copied files."""
    digest: str
    """Hash of its bytes."""
    size: int
    """Its size in bytes."""
    mtime_ns: int
    """Its modification time when written (a file changed since is made again)."""
    inputs: str = ""
    """Hash of what its page kind says the page is made from (``site/render.py``'s
    ``page_inputs``, under the same templates); ``""`` for a page kind that says none."""


@dataclass(frozen=True, slots=True)
class OutputManifest:
    """What the last build wrote into one output folder."""

    inputs: str
    """Hash of every input of that build (config, content, templates, static files, options)."""
    valid_until: float | None
    """POSIX time at which a page's publish or expiry date passes (the same inputs then make
    another site); None when no date lies ahead."""
    records: Mapping[str, OutputRecord]
    """Every file written, by path relative to the output folder."""
    search: str | None
    """Fingerprint of the pages the search index was made from; None when built without it."""
    summary: tuple[int, int, int, int]
    """``(files, documents, papers, entries)`` of that build, for its one-line summary."""
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    """Everything that build noticed (repeated when nothing changed)."""
    stamp: InputStamp | None = None
    """The site folder's files as that build found them, before it read any (``build/stamp.py``);
    None where a stamp cannot be trusted."""


class BuildCache:
    """The cache folder of one site; every method is a no-op when the cache is off."""

    def __init__(
        self, site_dir: Path, *, enabled: bool = True, memory: dict[str, object] | None = None
    ) -> None:
        self.root = site_dir.resolve() / CACHE_FOLDER / f"v{SCHEMA}-{code_version()}"
        """This notes-site's cache folder (by :func:`~notes_site.base.code.code_version`)."""
        self._pruned = False
        self.enabled = enabled
        """False for ``--no-cache`` (nothing is read or written)."""
        self.problem: str | None = None
        """Why the cache could not be written, once that happened (the build goes on without it)."""
        self.memory = memory
        """Documents kept in memory as well, by key (the preview keeps one dict between builds)."""

    def _documents(self) -> Path:
        return self.root / "documents"

    def _document_path(self, key: str) -> Path:
        return self._documents() / key[:2] / f"{key}.pickle"

    def load_document(self, key: str) -> object | None:
        """What is cached under document *key* (a ``ParsedDocument``; the caller checks), or None."""
        if not self.enabled:
            return None
        if self.memory is not None and key in self.memory:
            return self.memory[key]
        found = self._load(self._document_path(key))
        if found is not None and self.memory is not None:
            self.memory[key] = found
        return found

    def save_document(self, key: str, document: object) -> None:
        """Keep *document* under *key*."""
        if self.enabled:
            self._save(self._document_path(key), document)
            if self.memory is not None:
                self.memory[key] = document

    def remember(self, key: str, document: object) -> None:
        """Keep *document* in the memory layer only (a worker process already wrote it to disk)."""
        if self.enabled and self.memory is not None:
            self.memory[key] = document

    def prune_documents(self, keep: Iterable[str]) -> None:
        """Remove cached documents whose key is not in *keep* (edited or deleted since)."""
        folder = self._documents()
        if not self.enabled or not folder.is_dir():
            return
        keep = set(keep)
        if self.memory is not None:
            for key in [key for key in self.memory if key not in keep]:
                del self.memory[key]
        wanted = {f"{key}.pickle" for key in keep}
        for shard in folder.iterdir():
            for entry in shard.iterdir() if shard.is_dir() else ():
                if entry.name not in wanted:
                    entry.unlink(missing_ok=True)

    def _manifest_path(self, out_dir: Path) -> Path:
        return self.root / "outputs" / f"{digest(str(out_dir.resolve()).encode())}.pickle"

    def load_manifest(self, out_dir: Path) -> OutputManifest | None:
        """What the last build wrote into *out_dir*, or None."""
        loaded = self._load(self._manifest_path(out_dir)) if self.enabled else None
        return loaded if isinstance(loaded, OutputManifest) else None

    def save_manifest(self, out_dir: Path, manifest: OutputManifest) -> None:
        """Remember what this build wrote into *out_dir*."""
        if self.enabled:
            self._save(self._manifest_path(out_dir), manifest)

    def note_output(self, out_dir: Path) -> None:
        """Remember *out_dir* as the folder ``build`` last wrote (``serve`` starts from it)."""
        if self.enabled and self.last_output() != out_dir.resolve():
            with contextlib.suppress(OSError):
                (self.root / "outputs").mkdir(parents=True, exist_ok=True)
                (self.root / "outputs" / "last-build").write_text(
                    os.fspath(out_dir.resolve()), encoding="utf-8"
                )

    def last_output(self) -> Path | None:
        """The folder ``build`` last wrote, if it is known and still there."""
        if not self.enabled:
            return None
        try:
            folder = Path((self.root / "outputs" / "last-build").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return folder if folder.is_dir() else None

    def forget_manifest(self, out_dir: Path) -> None:
        """Say that *out_dir* holds nothing known (it is about to be written in place)."""
        if self.enabled:
            self._manifest_path(out_dir).unlink(missing_ok=True)

    def load_references(self) -> dict[str, str]:
        """The formatted references kept so far (see ``output/references.py``)."""
        found = self._load(self.root / "references.pickle") if self.enabled else None
        return found if isinstance(found, dict) else {}

    def save_references(self, references: Mapping[str, str]) -> None:
        """Keep the formatted references for the next build."""
        if self.enabled:
            self._save(self.root / "references.pickle", dict(references))

    def _prune_others(self) -> None:
        """Remove the cache folders other notes-sites left (another version or checkout): this
        one is about to be written, and theirs would never be read again by it."""
        try:
            siblings = list(self.root.parent.iterdir())
        except OSError:
            return
        for sibling in siblings:
            if sibling != self.root and sibling.name.startswith("v") and sibling.is_dir():
                shutil.rmtree(sibling, ignore_errors=True)

    def spare(self, out_dir: Path) -> Path | None:
        """Where the output a build of *out_dir* replaces is kept for the next build to stage
        from (``output/spare.py``); None when the cache is off."""
        if not self.enabled:
            return None
        return self.root / "spares" / digest(str(out_dir.resolve()).encode())

    def templates(self) -> BytecodeCache | None:
        """Where compiled templates are kept between builds (Jinja's own file cache, which
        writes atomically and checks each against its source's hash); None when off."""
        if not self.enabled or self.problem is not None:
            return None
        folder = self.root / "templates"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return FileSystemBytecodeCache(str(folder))

    def clear(self) -> None:
        """Remove every version's cache of this site."""
        shutil.rmtree(self.root.parent, ignore_errors=True)

    @staticmethod
    def _load(path: Path) -> object | None:
        try:
            with path.open("rb") as file:
                value: object = pickle.load(file)
                return value
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None  # a torn or foreign entry: made again

    def _save(self, path: Path, value: object) -> None:
        if self.problem is not None:
            return
        if not self._pruned:
            self._pruned = True
            self._prune_others()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError as error:
            self.problem = f"cannot write the build cache in {self.root}: {error.strerror or error}"
