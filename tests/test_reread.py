"""What one discovery keeps for the next in a process that builds again and again (``hugo/reread.py``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from notes_site.build.discovery import find_pages
from notes_site.hugo.reread import ReadMemo

from .sitegen import age, generate

_DIGEST = Path("content") / "digests" / "digest-002.md"


def _by_source(pages):
    return {page.source: page for page in pages}


def test_an_unchanged_site_is_not_read_again_and_gives_the_same_pages(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", 6, 4)
    age(site)
    memo = ReadMemo(settle_ns=0)
    first = find_pages(site, memo=memo)
    assert memo.reread == len([p for p in first.pages if p.file is not None])
    second = find_pages(site, memo=memo)
    assert memo.reread == 0
    assert second.pages == first.pages
    kept = _by_source(first.pages)
    # Leaf pages come back as the very objects (list pages are dated again from them each time).
    assert all(page is kept[page.source] for page in second.pages if page.kind == "page")
    assert second.pages == find_pages(site).pages  # what a discovery without a memo finds


def test_a_file_rewritten_with_the_same_size_and_time_is_read_again(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", 6, 4)
    age(site)
    memo = ReadMemo(settle_ns=0)
    find_pages(site, memo=memo)
    digest = site / _DIGEST
    status = digest.stat()
    text = digest.read_text(encoding="utf-8")
    digest.write_text(text.replace("｜", "｜ 第二版", 1)[: len(text)], encoding="utf-8")
    os.utime(digest, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert digest.stat().st_mtime_ns == status.st_mtime_ns
    found = _by_source(find_pages(site, memo=memo).pages)
    assert memo.reread == 1
    assert "第二版" in found["digests/digest-002.md"].body


def test_a_file_changed_just_before_it_was_read_is_read_again(tmp_path: Path) -> None:
    """Within the settle time a file could change again in the same clock tick; it is not kept."""
    site = generate(tmp_path / "site", 6, 4)
    age(site)
    time.sleep(1.0)  # every other file's change time is now a second old
    digest = site / _DIGEST
    digest.write_text(digest.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # saved just now
    memo = ReadMemo(settle_ns=800_000_000)
    find_pages(site, memo=memo)
    find_pages(site, memo=memo)
    assert memo.reread == 1


def test_what_reading_and_making_a_page_noticed_is_reported_every_time(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", 6, 4)
    (site / "content" / "bad.md").write_bytes(b'+++\ntitle = "x"\n+++\n\xff\xfe')
    (site / "content" / "page.html").write_text('+++\ntitle = "h"\n+++\n<p>h</p>\n', encoding="utf-8")
    aliased = '+++\ntitle = "a"\naliases = ["../../../outside"]\n+++\nbody\n'
    (site / "content" / "aliased.md").write_text(aliased, encoding="utf-8")
    age(site)
    memo = ReadMemo(settle_ns=0)
    first = find_pages(site, memo=memo)
    codes = sorted(d.code for d in first.diagnostics)
    assert {"unreadable", "html-content", "unsafe-url"} <= set(codes)
    second = find_pages(site, memo=memo)
    assert memo.reread == 1  # the file that cannot be read is tried again; the others are kept
    assert sorted(d.code for d in second.diagnostics) == codes
    assert [str(d) for d in second.diagnostics] == [str(d) for d in first.diagnostics]


def test_a_config_change_makes_every_page_again_without_reading_a_file(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", 6, 4)
    age(site)
    memo = ReadMemo(settle_ns=0)
    first = _by_source(find_pages(site, memo=memo).pages)
    config = site / "notes-site.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("baseURL", "uglyURLs = true\nbaseURL", 1))
    second = find_pages(site, memo=memo)
    assert memo.reread == 0
    digest = _by_source(second.pages)["digests/digest-002.md"]
    assert digest is not first["digests/digest-002.md"]
    assert digest.url.endswith(".html")
    assert second.pages == find_pages(site).pages


def test_a_deleted_file_is_let_go(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", 6, 4)
    age(site)
    memo = ReadMemo(settle_ns=0)
    find_pages(site, memo=memo)
    (site / _DIGEST).unlink()
    found = _by_source(find_pages(site, memo=memo).pages)
    assert "digests/digest-002.md" not in found
    assert memo.reread == 0


def test_files_are_read_again_when_the_rules_for_reading_them_change(tmp_path: Path) -> None:
    """Where symlinks may point and the size limit decide whether a file can be read at all."""
    from notes_site.hugo.files import ContentFile
    from notes_site.hugo.pages import ParsedFile

    path = tmp_path / "a.md"
    path.write_text("body\n", encoding="utf-8")
    age(tmp_path)
    file = ContentFile(path, "a.md", "a.md", "", "a", "md", "zh", False, 0)
    reads: list[int] = []

    def read() -> ParsedFile:
        reads.append(1)
        return ParsedFile(file, None)  # type: ignore[arg-type]

    memo = ReadMemo(settle_ns=0)
    for rules in ("site only", "site only", "site and mounts", "site and mounts"):
        memo.begin(rules)
        memo.read(file, read)
        memo.finish()
    assert len(reads) == 2
