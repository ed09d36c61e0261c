"""Where the preview writes its builds: ``<site>/.notes-site/serve/``, kept between runs.

The folders and what each holds (their manifests, in the build cache) outlive the preview,
so the next ``serve`` of the same site starts from them and renders only what changed since.
One preview at a time owns the folder (an exclusive lock on ``.lock``); a second preview of the
same site, or a site folder that cannot be written, gets a temporary folder instead, removed
when it stops.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

SERVE_FOLDER = Path(".notes-site") / "serve"
"""The preview's folders, relative to the site folder."""


class PreviewFolders:
    """The preview's working folder, locked for this preview, or a temporary one."""

    def __init__(self, site_dir: Path, temporary_prefix: str = "notes-site-serve-") -> None:
        self._lock: int | None = None
        self.kept = False
        """Whether the folder is the site's own (kept after the preview), not a temporary one."""
        folder = site_dir / SERVE_FOLDER
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(handle)
                raise
        except OSError:
            self.path = Path(tempfile.mkdtemp(prefix=temporary_prefix))
            """The working folder."""
        else:
            self._lock = handle
            self.path = folder.resolve()
            self.kept = True

    def close(self) -> None:
        """Release the folder (a temporary one is removed)."""
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)
            self._lock = None
        elif not self.kept:
            shutil.rmtree(self.path, ignore_errors=True)
