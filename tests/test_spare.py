"""The spare output folder (``output/spare.py``): the output a swap replaced becomes the next
build's staging folder, and ends up holding exactly what a fresh staging folder would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from notes_site.build.cache import BuildCache
from notes_site.build.pipeline import build
from notes_site.output.spare import refresh
from notes_site.output.write import safe_join

from .sitegen import generate


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _folders(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


def test_refresh_keeps_the_live_files_links_the_others_and_removes_the_rest(tmp_path: Path) -> None:
    live, spare = tmp_path / "live", tmp_path / "spare"
    for relative, text in {
        "index.html": "home",
        "a/index.html": "a, unchanged",
        "b/index.html": "b, new version",
        "e/index.html": "e is a folder now",
        "f/g/index.html": "f, not kept",
    }.items():
        (live / relative).parent.mkdir(parents=True, exist_ok=True)
        (live / relative).write_text(text)
    (spare / "a").mkdir(parents=True)
    os.link(live / "a" / "index.html", spare / "a" / "index.html")  # the very same file
    (spare / "b").mkdir()
    (spare / "b" / "index.html").write_text("b, old version")  # another file
    (spare / "c" / "deep").mkdir(parents=True)
    (spare / "c" / "deep" / "stray.html").write_text("gone from the site")
    (spare / "d").mkdir()  # an empty folder
    (spare / "e").write_text("e was a file")  # a file where a folder must be
    same_inode = (spare / "a" / "index.html").stat().st_ino

    kept = refresh(
        str(spare),
        str(live),
        ["index.html", "a/index.html", "b/index.html", "e/index.html", "f/g/index.html", "missing.html"],
        lambda path, status: path != "f/g/index.html",
        safe_join,
    )

    assert kept == {"index.html", "a/index.html", "b/index.html", "e/index.html"}
    assert _files(spare) == {path: (live / path).read_bytes() for path in kept}
    for path in kept:  # every file is the live one, as a fresh folder of hard links would hold
        assert (spare / path).stat().st_ino == (live / path).stat().st_ino, path
    assert (spare / "a" / "index.html").stat().st_ino == same_inode
    assert _folders(spare) == {"a", "b", "e"}  # no stray, no empty folder


def test_rebuilds_from_the_spare_equal_cold_builds(tmp_path: Path) -> None:
    """Three cached builds into one folder (the second and third stage from the spare), with the
    spare meddled with in between; each equals a cold build, and nothing is left beside the output."""
    site = generate(tmp_path / "site", documents=8, entries=3)
    out = tmp_path / "out" / "public"
    spare = BuildCache(site).spare(out)
    assert spare is not None

    def check(step: str) -> None:
        cold = tmp_path / f"cold-{step}"
        build(site, cold, search=False, cache=False, workers=1)
        assert _files(out) == _files(cold), step
        assert _folders(out) == _folders(cold), step
        assert sorted(p.name for p in out.parent.iterdir()) == ["public"], step

    build(site, out, search=False, workers=1)
    digest = site / "content" / "digests" / "digest-001.md"
    digest.write_text(digest.read_text(encoding="utf-8").replace("｜", "｜ first edit", 1), encoding="utf-8")
    build(site, out, search=False, workers=1)
    check("second build")
    assert spare.is_dir(), "the replaced output was not kept as the spare"

    (spare / "stray.html").write_text("not part of any build")
    some_page = next(p for p in sorted(spare.rglob("index.html")))
    some_page.unlink()
    some_page.write_text("a file someone put in the spare's place")
    (site / "content" / "digests" / "digest-002.md").unlink()
    build(site, out, search=False, workers=1)
    check("third build")
    assert not (out / "stray.html").exists()

    # A build that writes most files keeps no spare: it would share little with the next output.
    assert spare.is_dir()
    config = site / "notes-site.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("example.org", "example.net"))
    build(site, out, search=False, workers=1)
    check("baseURL changed")
    assert not spare.exists()

    # What the output folder holds is forgotten: the staging folder made from the spare is emptied.
    (site / "content" / "digests" / "digest-003.md").unlink()
    build(site, out, search=False, workers=1)
    check("a digest deleted")
    assert spare.is_dir()
    for manifest in (BuildCache(site).root / "outputs").iterdir():
        manifest.unlink()
    (site / "content" / "digests" / "digest-004.md").unlink()
    build(site, out, search=False, workers=1)
    check("a build that knows nothing of the output")


def test_a_spare_that_cannot_be_brought_up_to_date_gives_way_to_a_fresh_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = generate(tmp_path / "site", documents=4, entries=2)
    out = tmp_path / "public"
    build(site, out, search=False, workers=1)
    digest = site / "content" / "digests" / "digest-001.md"
    digest.write_text(digest.read_text(encoding="utf-8").replace("｜", "｜ an edit", 1), encoding="utf-8")
    build(site, out, search=False, workers=1)
    spare = BuildCache(site).spare(out)
    assert spare is not None and spare.is_dir()

    def unreadable(*args: object) -> set[str]:
        raise PermissionError(13, "Permission denied", str(spare))

    monkeypatch.setattr("notes_site.output.write.refresh", unreadable)
    (spare / "stray.html").write_text("left in the spare")
    digest.write_text(digest.read_text(encoding="utf-8").replace("an edit", "another edit"), encoding="utf-8")
    build(site, out, search=False, workers=1)
    cold = tmp_path / "cold"
    build(site, cold, search=False, cache=False, workers=1)
    assert _files(out) == _files(cold)
