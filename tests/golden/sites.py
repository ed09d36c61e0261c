"""The sites whose whole build output is pinned by ``tests/test_golden.py``.

Each golden file in ``tests/golden/manifests/`` lists one build: every file written (its
SHA-256, size and path) and every diagnostic. The build is pinned to a fixed ``now`` and
made without the search index (Pagefind writes its filter files in hash order, so they
differ between two identical builds). A change that alters any output fails the test with
the paths that differ; a deliberate change regenerates the files:

    NOTES_SITE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from notes_site.base.errors import NotesSiteError
from notes_site.build.pipeline import build
from notes_site.hugo.page import LoadOptions

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seeds" / "000_414b3ea070d0b2aa.txt"
MANIFESTS = Path(__file__).resolve().parent / "manifests"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
"""The ``now`` every golden build is made at (drafts, future and expired pages depend on it)."""


def _seed(tmp: Path) -> Path:
    site = tmp / "seed"
    (site / "content" / "posts").mkdir(parents=True)
    shutil.copy(SEED, site / "content" / "posts" / "training.md")
    return site


def _copy(relative: str) -> Callable[[Path], Path]:
    def prepare(tmp: Path) -> Path:
        site = tmp / relative.replace("/", "_")
        shutil.copytree(REPO / relative, site)
        return site

    return prepare


SITES: dict[str, Callable[[Path], Path]] = {
    "example": lambda tmp: REPO,
    "seed": _seed,
    **{
        f"sites-{name}": _copy(f"tests/sites/{name}")
        for name in ("bare", "basic", "broken", "config_folder", "multilang", "override")
    },
    **{
        f"parity-{name}": _copy(f"tests/parity/sites/{name}")
        for name in ("bilingual", "config_folder", "subdir")
    },
    "parity-messy": _copy("tests/parity/messy"),
}
"""Golden site name → a function that prepares the site folder in a temporary folder."""


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path


def manifest(name: str, tmp: Path) -> str:
    """Build the golden site *name* inside *tmp* and describe its output, one line per file."""
    site = SITES[name](tmp)
    out = tmp / f"{name}-public"
    lines = [
        f"# notes-site build of {name}: search off, now={NOW.isoformat()}",
        "# regenerate: NOTES_SITE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py",
    ]
    try:
        report = build(site, out, LoadOptions(now=NOW), search=False)
    except NotesSiteError as error:
        lines.append(f"error: {error}")
        return "\n".join(lines) + "\n"
    lines.extend(f"diagnostic: {d}" for d in report.diagnostics)
    for path in _files(out):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:20]
        lines.append(f"{digest} {len(data):>8} {path.relative_to(out).as_posix()}")
    return "\n".join(lines) + "\n"
