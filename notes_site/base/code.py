"""Which notes-site makes a build: its version, and the files it runs from.

Everything a build keeps for the next one (the build cache, the stamp, the hash of its inputs)
is keyed by :func:`code_version`, not by the version string alone: notes-site installed again
from a newer checkout with the same version number (or edited in place) reads and renders
differently, and must not take the last build's documents or pages as its own.
"""

from __future__ import annotations

import functools
import hashlib
import os

from notes_site import __version__
from notes_site.base.theme import builtin_templates


@functools.cache
def code_version() -> str:
    """``0.1.0+`` and a short hash of the path, size and modification time of every file of the
    package and of the built-in theme (a stat each: a few milliseconds, once per process)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return f"{__version__}+{files_version([package, os.fspath(builtin_templates())])}"


def files_version(roots: list[str]) -> str:
    """A short hash of the relative path, size and modification time of every file under
    *roots* (bytecode left out)."""
    digest = hashlib.blake2b(digest_size=6)
    for number, root in enumerate(roots):
        for folder, folders, files in os.walk(root):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                path = os.path.join(folder, name)
                try:
                    status = os.stat(path)
                except OSError:
                    continue
                relative = os.path.relpath(path, root)
                digest.update(f"{number}:{relative}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()
