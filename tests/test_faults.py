"""Faults: a full or read-only disk, a refused ``-o``, a build killed at any moment. The previous
site is kept, the message is clear, and nothing outside the output folder is touched.

The disk tests mount a small tmpfs (root only; skipped with the reason otherwise).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notes_site", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _size(folder: Path) -> int:
    """Bytes *folder* takes on a tmpfs (each file rounded up to whole 4 KiB pages)."""
    return sum(-(-p.stat().st_size // 4096) * 4096 for p in folder.rglob("*") if p.is_file())


def _mount(mount: Path, size: int) -> None:
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs to fill up (needs root): {done.stderr.decode().strip()}")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3.7 MB tmpfs: room for one built example site (without a search index) and most of a second."""
    mount = tmp_path / "disk"
    _mount(mount, 3700 * 1024)
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.fixture
def index_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs with room for two built example sites but only one search index: measured, so
    that it stays so as the example site and its pages grow."""
    measured = tmp_path / "measured"
    assert _run("build", str(REPO), "-o", str(measured), "-q", "--no-cache").returncode == 0
    index = _size(measured / "pagefind")
    pages = _size(measured) - index
    mount = tmp_path / "disk"
    _mount(mount, 2 * pages + index + index // 4 + 64 * 4096)
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_while_indexing_keeps_the_previous_site(index_disk: Path) -> None:
    # Before: exit 0, "0 errors", empty pagefind.js and pagefind-entry.json swapped in.
    out = index_disk / "public"
    assert _run("build", str(REPO), "-o", str(out), "-q").returncode == 0
    before = _digest(out)
    # --no-cache: with the cache, a build that finds nothing changed writes nothing at all.
    result = _run("build", str(REPO), "-o", str(out), "--no-cache")
    assert result.returncode == 1, result.stderr
    assert "the search index was not written completely" in result.stderr and "disk full" in result.stderr
    assert "Traceback" not in result.stderr
    assert _digest(out) == before
    assert sorted(p.name for p in index_disk.iterdir()) == ["public"]  # no staging folder left


def test_a_full_disk_while_writing_pages_keeps_the_previous_site(small_disk: Path) -> None:
    out = small_disk / "public"
    assert _run("build", str(REPO), "-o", str(out), "-q", "--no-search").returncode == 0
    free = os.statvfs(small_disk)
    filler = small_disk / "filler"  # leave too little for a second copy of the pages
    filler.write_bytes(b"x" * (free.f_bavail * free.f_frsize - 400 * 1024))
    before = _digest(out)
    result = _run("build", str(REPO), "-o", str(out), "--no-search", "--no-cache")
    assert result.returncode == 1
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert _digest(out) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "public"]


def test_a_read_only_output_disk_is_a_clear_error(small_disk: Path) -> None:
    out = small_disk / "public"
    assert _run("build", str(REPO), "-o", str(out), "-q", "--no-search").returncode == 0
    before = _digest(out)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        result = _run("build", str(REPO), "-o", str(out), "--no-search", "--no-cache")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert result.returncode == 1
    assert "Read-only file system" in result.stderr and "Traceback" not in result.stderr
    assert _digest(out) == before


def _nested_site(tmp_path: Path) -> Path:
    site = tmp_path / "a" / "site"
    (site / "content").mkdir(parents=True)
    (site / "notes-site.toml").write_text('title = "T"\n')
    (site / "content" / "x.md").write_text("---\ntitle: x\n---\nkeep me\n")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "a" / "neighbour.txt").write_text("keep me too\n")
    return site


@pytest.mark.parametrize("target", [".", "", "content", "..", "../..", "notes-site.toml/.."])
def test_an_output_folder_that_holds_the_site_is_refused(tmp_path: Path, target: str) -> None:
    # Before: the site's own files (content, config, .git) were deleted, exit 0.
    site = _nested_site(tmp_path)
    before = _digest(tmp_path / "a")
    result = _run("build", "--no-search", "-o", target, cwd=site)
    assert result.returncode == 2
    assert "refusing" in result.stderr.lower() and "Traceback" not in result.stderr
    assert _digest(tmp_path / "a") == before


def test_an_output_folder_that_is_not_a_previous_build_is_refused(tmp_path: Path) -> None:
    site = _nested_site(tmp_path)
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8 not a site")
    result = _run("build", str(site), "-o", str(other), "--no-search")
    assert result.returncode == 2 and "not a notes-site output" in result.stderr
    assert (other / "holiday.jpg").read_bytes() == b"\xff\xd8 not a site"


def test_an_empty_or_new_output_folder_and_a_previous_build_are_fine(tmp_path: Path) -> None:
    site = _nested_site(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    for target in (empty, tmp_path / "new", empty):  # the last one: a previous build now
        result = _run("build", str(site), "-o", str(target), "--no-search", "-q")
        assert result.returncode == 0, result.stderr
        assert (target / "x" / "index.html").is_file()


KILL_BETWEEN_RENAMES = """
import os, signal, sys
real = os.replace
calls = []
def replace(src, dst):
    calls.append(src)
    real(src, dst)
    if len(calls) == 1:  # the old output has just been moved aside
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
from notes_site.commands.cli import main
sys.argv = ["notes-site", "build", sys.argv[1], "-o", sys.argv[2], "--no-search", "-q"]
main()
"""


def test_a_build_killed_at_its_first_rename_leaves_a_whole_site(tmp_path: Path) -> None:
    # Before: the old output was renamed aside, then the new one into place: killed in between,
    # there was no output folder at all. The swap is one step now (renameat2 RENAME_EXCHANGE).
    site = _nested_site(tmp_path)
    out = tmp_path / "public"
    assert _run("build", str(site), "-o", str(out), "--no-search", "-q").returncode == 0
    before = _digest(out)
    (site / "content" / "x.md").write_text("---\ntitle: x\n---\nsecond version\n")
    reference = tmp_path / "reference"
    assert _run("build", str(site), "-o", str(reference), "--no-search", "-q", "--no-cache").returncode == 0
    killed = subprocess.run(
        [sys.executable, "-c", KILL_BETWEEN_RENAMES, str(site), str(out)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
    )
    assert killed.returncode == -signal.SIGKILL
    assert _digest(out) in (before, _digest(reference))  # a whole site at its place, old or new
    assert _run("build", str(site), "-o", str(out), "--no-search", "-q").returncode == 0
    assert _digest(out) == _digest(reference)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "public", "reference"]


def test_a_gh_pages_worktree_in_the_output_keeps_its_git(tmp_path: Path) -> None:
    site = _nested_site(tmp_path)
    out = tmp_path / "public"
    assert _run("build", str(site), "-o", str(out), "--no-search", "-q").returncode == 0
    (out / ".git").write_text("gitdir: ../a/site/.git/worktrees/public\n")  # `git worktree add`
    (site / "content" / "x.md").write_text("---\ntitle: x\n---\nsecond version\n")
    assert _run("build", str(site), "-o", str(out), "--no-search", "-q").returncode == 0
    assert "second version" in (out / "x" / "index.html").read_text(encoding="utf-8")
    assert (out / ".git").read_text() == "gitdir: ../a/site/.git/worktrees/public\n"


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8, 1.5])
def test_a_build_killed_at_any_moment_keeps_a_whole_site_and_the_next_cleans_up(
    tmp_path: Path, delay: float
) -> None:
    site = _nested_site(tmp_path)
    out = tmp_path / "public"
    assert _run("build", str(site), "-o", str(out), "-q").returncode == 0
    (site / "content" / "x.md").write_text("---\ntitle: x\n---\nsecond version\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "notes_site", "build", str(site), "-o", str(out), "-q"],
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    time.sleep(delay)
    process.kill()
    process.wait()
    page = out / "x" / "index.html"
    if page.exists():  # killed before the first rename or after the second: a whole site
        assert ("keep me" in page.read_text(encoding="utf-8")) or (out / "pagefind" / "pagefind.js").is_file()
    assert _run("build", str(site), "-o", str(out), "-q").returncode == 0
    assert "second version" in page.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "public"]  # no staging, no old copy


ORPHAN_MARK = "notes-site-orphan-check"


def _children(pid: int) -> list[str]:
    return subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()


def test_a_killed_build_leaves_no_worker_processes(tmp_path: Path) -> None:
    site = tmp_path / ORPHAN_MARK
    (site / "content").mkdir(parents=True)
    (site / "notes-site.toml").write_text('title = "T"\n')
    entry = "2025-06-13 18:50:11 Friday ｜ e\n\n**链接** ：https://arxiv.org/abs/2506.{}\n\n"
    for index in range(400):  # enough pages for the parse to go to worker processes
        body = "".join(entry.format(10000 + index * 10 + k) for k in range(10)) + "x " * 20_000
        (site / "content" / f"d{index}.md").write_text(f"---\ntitle: d{index}\n---\n## T\n\n{body}")
    process = subprocess.Popen(
        [sys.executable, "-m", "notes_site", "build", str(site), "-o", str(tmp_path / "out"), "-q"],
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    deadline = time.monotonic() + 60
    while not _children(process.pid) and time.monotonic() < deadline:  # wait for the workers
        time.sleep(0.02)
    assert _children(process.pid), "the build never started worker processes"
    process.kill()
    process.wait()
    time.sleep(3)
    left = subprocess.run(["pgrep", "-f", ORPHAN_MARK], capture_output=True, text=True).stdout.split()
    for pid in left:
        os.kill(int(pid), signal.SIGKILL)  # ours: they carry the folder name on their command line
    assert left == []
