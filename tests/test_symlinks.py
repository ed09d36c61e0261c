"""No file from outside the site is ever published, and no special file can hang a command.

Symlinks in ``content/`` (pages, folders, bundle resources) are followed only when they stay
inside the site; the others, loops, broken links, FIFOs and devices are skipped with a warning
naming the file. Hugo ignores every symlink inside ``content/`` and ``static/``; notes-site
keeps the ones that stay inside, since someone made them on purpose.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from notes_site.base.limits import Limits
from notes_site.base.safefiles import UnsafeFileError, read_limited, walk_files
from notes_site.build.load import load_site
from notes_site.build.pipeline import build

from .test_cli import _site

SECRET = "root:x:0:0:SECRET-MARKER-8f3a"
PAGE = "---\ntitle: {title}\n---\n{body}\n"


def _secret(tmp_path: Path) -> Path:
    """A folder outside the site, with files a hostile site would like to publish."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "passwd").write_text(SECRET + "\n")
    (outside / "page.md").write_text(PAGE.format(title="stolen", body=SECRET))
    (outside / "folder" / "deep.md").write_text(PAGE.format(title="stolen too", body=SECRET))
    return outside


def _hostile(tmp_path: Path) -> Path:
    outside = _secret(tmp_path)
    site = _site(
        tmp_path / "site",
        {
            "posts/good.md": PAGE.format(title="good", body="hello"),
            "bundle/index.md": PAGE.format(title="bundle", body="![](passwd.txt)"),
            "bundle/ok.txt": "fine\n",
        },
    )
    content = site / "content"
    (site / "shared").mkdir()
    (site / "shared" / "note.md").write_text(PAGE.format(title="shared", body="inside the site"))
    links = {
        "posts/passwd.md": outside / "passwd",
        "posts/stolen.md": outside / "page.md",
        "posts/folder": outside / "folder",
        "posts/relative.md": Path("../../../outside/page.md"),
        "posts/zero.md": Path("/dev/zero"),
        "posts/loop": Path("../posts"),
        "posts/up": Path(".."),
        "posts/broken.md": Path("nowhere.md"),
        "posts/again.md": Path("good.md"),
        "bundle/passwd.txt": outside / "passwd",
        "shared": Path("../shared"),
    }
    for name, target in links.items():
        os.symlink(target, content / name)
    os.mkfifo(content / "posts" / "fifo.md")
    return site


def test_the_walk_follows_only_links_that_stay_inside(tmp_path: Path) -> None:
    site = _hostile(tmp_path)
    found, skipped = walk_files(site / "content", [site], lambda name: False)
    assert found == [
        "bundle/index.md",
        "bundle/ok.txt",
        "posts/again.md",
        "posts/good.md",
        "shared/note.md",
    ]
    assert sorted((s.rel, s.code) for s in skipped) == [
        ("bundle/passwd.txt", "symlink-outside"),
        ("posts/broken.md", "broken-symlink"),
        ("posts/fifo.md", "not-a-file"),
        ("posts/folder", "symlink-outside"),
        ("posts/loop", "symlink-loop"),
        ("posts/passwd.md", "symlink-outside"),
        ("posts/relative.md", "symlink-outside"),
        ("posts/stolen.md", "symlink-outside"),
        ("posts/up", "symlink-loop"),
        ("posts/zero.md", "symlink-outside"),
    ]


def test_each_skipped_entry_is_one_warning_naming_it(tmp_path: Path) -> None:
    site = load_site(_hostile(tmp_path), workers=1)
    warnings = [
        (d.source, d.code)
        for d in site.diagnostics
        if d.code.startswith(("symlink", "broken-symlink", "not-a"))
    ]
    assert len(warnings) == len(set(warnings)) == 10
    # The bundle's image is the skipped link: it is not published, so the image is broken.
    assert [d.source for d in site.diagnostics if d.code == "broken-link"] == ["bundle/index.md"]
    assert ("posts/loop", "symlink-loop") in warnings
    assert {d.source for d in site.documents if d.page.file} >= {
        "posts/good.md",
        "posts/again.md",
        "shared/note.md",
    }


def test_nothing_from_outside_is_published_and_nothing_is_written_outside(tmp_path: Path) -> None:
    site = _hostile(tmp_path)
    out = tmp_path / "public"
    cache = site / ".notes-site"  # the build cache: the site's own, by design

    def written() -> list[Path]:
        return sorted(
            p.relative_to(tmp_path)
            for p in tmp_path.rglob("*")
            if not p.is_relative_to(out) and not p.is_relative_to(cache)
        )

    before = written()
    report = build(site, out, search=False)
    after = written()
    assert before == after
    assert report.errors == 0
    for file in out.rglob("*"):
        if file.is_file():
            assert SECRET not in file.read_text(encoding="utf-8", errors="replace"), file
    assert (out / "bundle" / "ok.txt").is_file() and not (out / "bundle" / "passwd.txt").exists()
    assert (out / "shared" / "note" / "index.html").is_file()


def test_a_fifo_and_dev_zero_do_not_hang_any_command(tmp_path: Path) -> None:
    site = _hostile(tmp_path)
    for command in (["check"], ["export"], ["build", "-o", str(tmp_path / "out"), "--no-search"]):
        result = subprocess.run(
            [sys.executable, "-m", "notes_site", command[0], str(site), *command[1:]],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "posts/fifo.md" in result.stderr + result.stdout  # export: in the JSON's diagnostics
        assert "Traceback" not in result.stderr


def test_static_symlinks_pointing_outside_are_not_copied(tmp_path: Path) -> None:
    outside = _secret(tmp_path)
    site = _site(tmp_path / "site", {"a.md": PAGE.format(title="a", body="a")})
    (site / "static").mkdir()
    os.symlink(outside / "passwd", site / "static" / "passwd.txt")
    os.symlink(outside / "folder", site / "static" / "folder")
    (site / "static" / "ok.txt").write_text("ok")
    os.symlink(site / "static" / "ok.txt", site / "static" / "inside.txt")
    report = build(site, tmp_path / "out", search=False)
    assert not (tmp_path / "out" / "passwd.txt").exists()
    assert not (tmp_path / "out" / "folder").exists()
    assert (tmp_path / "out" / "inside.txt").read_text() == "ok"  # a link inside the site is fine
    skipped = {d.source for d in report.diagnostics if d.code == "symlink-outside"}
    assert skipped == {"static/passwd.txt", "static/folder"}


def test_read_limited_refuses_what_it_must(tmp_path: Path) -> None:
    inside = tmp_path / "site"
    inside.mkdir()
    (inside / "big.md").write_bytes(b"x" * 2000)
    os.mkfifo(inside / "fifo.md")
    os.symlink(_secret(tmp_path) / "passwd", inside / "link.md")
    assert read_limited(inside / "big.md", [inside], 2000) == b"x" * 2000
    for name, code in (
        ("big.md", "file-too-large"),
        ("fifo.md", "not-a-file"),
        ("link.md", "symlink-outside"),
    ):
        with pytest.raises(UnsafeFileError) as caught:
            read_limited(inside / name, [inside], 1999)
        assert caught.value.code == code


def test_a_content_file_over_the_limit_is_an_error_and_the_rest_builds(tmp_path: Path) -> None:
    from notes_site.hugo.config import load_config
    from notes_site.hugo.discover import discover
    from notes_site.hugo.page import LoadOptions

    site = _site(
        tmp_path,
        {"big.md": PAGE.format(title="big", body="x" * 5000), "ok.md": PAGE.format(title="ok", body="")},
    )
    config, _ = load_config(site)
    pages, diagnostics = discover(config, LoadOptions(), Limits(file_bytes=4096))
    assert [p.source for p in pages if p.file] == ["ok.md"]
    assert [(d.source, d.level, d.code) for d in diagnostics] == [("big.md", "error", "file-too-large")]
    assert "larger than 4 KiB" in diagnostics[0].message
