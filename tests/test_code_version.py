"""What a build keeps for the next one is keyed by the notes-site that made it, not by its
version string alone (``base/code.py``): other code never takes the last build's output as its own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from notes_site.base.code import code_version, files_version
from notes_site.build.pipeline import build

from .sitegen import generate


def test_the_files_version_changes_with_any_file(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "__pycache__").mkdir()
    first = files_version([str(tmp_path)])
    (tmp_path / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    assert files_version([str(tmp_path)]) == first, "bytecode is not the code"
    os.utime(tmp_path / "a.py", ns=(1, 1))
    assert files_version([str(tmp_path)]) != first
    second = files_version([str(tmp_path)])
    (tmp_path / "b.html").write_text("<p>", encoding="utf-8")
    assert files_version([str(tmp_path)]) != second


def test_the_code_version_names_the_release_and_the_files() -> None:
    version, _, files = code_version().partition("+")
    from notes_site import __version__

    assert version == __version__ and len(files) == 12


def test_other_code_builds_again_and_drops_the_old_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = generate(tmp_path / "site", documents=4, entries=2)
    out = tmp_path / "out"
    build(site, out, search=False, workers=1)
    cache = site / ".notes-site" / "cache"
    (before,) = [folder.name for folder in cache.iterdir()]
    again = build(site, out, search=False, workers=1)
    assert again.rendered == 0
    for module in ("notes_site.build.cache", "notes_site.build.inputs", "notes_site.build.pipeline"):
        monkeypatch.setattr(f"{module}.code_version", lambda: "9.9.9+other")
    other = build(site, out, search=False, workers=1)
    assert other.rendered, "a notes-site with other code took the last build's pages as its own"
    assert [folder.name for folder in cache.iterdir()] != [before]
    assert before not in [folder.name for folder in cache.iterdir()], "the old cache was left behind"
