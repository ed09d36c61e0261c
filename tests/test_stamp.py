"""The stat stamp: a rebuild that finds every file of the site as the last build found it stops
before reading any, and every other rebuild still sees what changed (``build/stamp.py``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from notes_site.build import pipeline
from notes_site.build.cache import BuildCache
from notes_site.build.pipeline import build
from notes_site.build.report import BuildReport
from notes_site.build.stamp import SETTLE_NS, take_stamp
from notes_site.hugo.page import LoadOptions

from .sitegen import age, generate

_DIGEST = Path("content") / "digests" / "digest-002.md"


def _stages(report: BuildReport) -> set[str]:
    return {name for name, _seconds in report.stages}


def _settled_site(tmp_path: Path) -> tuple[Path, Path]:
    site = generate(tmp_path / "site", 6, 4)
    age(site)
    out = tmp_path / "out"
    build(site, out, search=False, workers=1)
    return site, out


def test_a_rebuild_of_an_unchanged_site_stops_at_the_stamp(tmp_path: Path) -> None:
    site, out = _settled_site(tmp_path)
    again = build(site, out, search=False, workers=1)
    assert "stamp" in _stages(again) and "discover" not in _stages(again)
    assert again.rendered == 0 and again.pages > 0


def test_every_kind_of_change_is_seen_past_the_stamp(tmp_path: Path) -> None:
    site, out = _settled_site(tmp_path)
    digest = site / _DIGEST
    changes = [
        lambda: digest.write_text(digest.read_text(encoding="utf-8") + "\n多一行。\n", encoding="utf-8"),
        lambda: (site / "content" / "digests" / "new.md").write_text("+++\ntitle = 'n'\n+++\n正文\n"),
        lambda: (site / "content" / "digests" / "new.md").unlink(),
        lambda: (site / "static" / "extra.txt").write_text("x", encoding="utf-8"),
        lambda: (site / "templates").mkdir(),  # an empty folder changes nothing …
        lambda: (site / "templates" / "footer.html").write_text("x", encoding="utf-8"),  # … a file does
    ]
    for number, change in enumerate(changes):
        change()
        age(site)
        report = build(site, out, search=False, workers=1)
        assert "discover" in _stages(report) or number == 4, f"change {number} was not looked at"
        settled = build(site, out, search=False, workers=1)
        assert "discover" not in _stages(settled), f"after change {number} the stamp was not renewed"


def test_an_edit_in_the_same_clock_tick_is_not_missed(tmp_path: Path) -> None:
    """A file saved just before a build may change again without a new modification time; the
    stamp of that build is never trusted, so the next build reads the file."""
    site = generate(tmp_path / "site", 6, 4)
    age(site)
    digest = site / _DIGEST
    text = digest.read_text(encoding="utf-8")
    digest.write_text(text.replace("｜", "｜ 第一版", 1), encoding="utf-8")  # saved just now
    status = digest.stat()
    out = tmp_path / "out"
    build(site, out, search=False, workers=1)
    digest.write_text(text.replace("｜", "｜ 第二版", 1), encoding="utf-8")  # same size
    os.utime(digest, ns=(status.st_atime_ns, status.st_mtime_ns))  # same modification time
    assert digest.stat().st_size == status.st_size
    build(site, out, search=False, workers=1)
    page = (out / "digests" / "digest-002" / "index.html").read_text(encoding="utf-8")
    assert "第二版" in page and "第一版" not in page


def test_the_stamp_is_not_trusted_once_a_publish_date_passes(tmp_path: Path, monkeypatch) -> None:
    site, out = _settled_site(tmp_path)
    soon = time.time() + 3600
    later = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(soon))
    (site / "content" / "digests" / "later.md").write_text(
        f"+++\ntitle = '以后'\ndate = {later}\n+++\n以后才发布。\n", encoding="utf-8"
    )
    age(site)
    build(site, out, search=False, workers=1)
    manifest = BuildCache(site).load_manifest(out)
    assert manifest is not None and manifest.valid_until == pytest.approx(soon, abs=1)
    assert "discover" not in _stages(build(site, out, search=False, workers=1))
    monkeypatch.setattr(pipeline.time, "time", lambda: soon + 1)
    assert "discover" in _stages(build(site, out, search=False, workers=1))


def test_other_options_or_another_output_folder_are_not_the_same_build(tmp_path: Path) -> None:
    site, out = _settled_site(tmp_path)
    assert "discover" in _stages(build(site, out, LoadOptions(drafts=True), search=False, workers=1))
    assert "discover" in _stages(build(site, out, search=False, workers=1))
    assert "discover" in _stages(build(site, out, search=False, workers=1, base_url="https://x.org/"))
    assert "discover" in _stages(build(site, tmp_path / "other", search=False, workers=1))
    damaged = next(out.rglob("*.html"))
    damaged.write_text("changed by hand", encoding="utf-8")
    report = build(site, out, search=False, workers=1)
    assert "discover" in _stages(report) and damaged.read_text(encoding="utf-8") != "changed by hand"


def test_a_site_that_reads_outside_its_folder_gets_no_stamp(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", 3, 2)
    outside = tmp_path / "elsewhere"
    (site / "content").rename(outside)
    config = site / "notes-site.toml"
    config.write_text(f"contentDir = {str(outside)!r}\n" + config.read_text(encoding="utf-8"))
    age(site)
    age(outside)
    out = tmp_path / "out"
    build(site, out, search=False, workers=1)
    manifest = BuildCache(site).load_manifest(out)
    assert manifest is not None and manifest.stamp is None
    assert "discover" in _stages(build(site, out, search=False, workers=1))


def test_a_stamp_sees_files_but_not_the_output_or_the_cache(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "a.md").write_text("a", encoding="utf-8")
    (site / "public").mkdir()
    (site / "public" / "index.html").write_text("x", encoding="utf-8")
    (site / ".notes-site" / "cache").mkdir(parents=True)
    (site / ".notes-site" / "cache" / "x").write_text("x", encoding="utf-8")
    stamp = take_stamp(site, [site / "public"], "key")
    assert stamp is not None and set(stamp.files) == {"content/a.md"}
    assert not stamp.settled  # just written
    past = time.time_ns() - 2 * SETTLE_NS
    os.utime(site / "content" / "a.md", ns=(past, past))
    assert take_stamp(site, [site / "public"], "key").settled  # type: ignore[union-attr]
    (site / "linked").symlink_to(site / "content", target_is_directory=True)
    assert take_stamp(site, [site / "public"], "key") is None
