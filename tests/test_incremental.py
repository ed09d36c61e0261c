"""A cached (incremental) build writes exactly what a cold build writes, after every kind of change.

Each scenario edits a generated site one step at a time — a digest edited, added, deleted and
renamed; a template, the config and static files changed; nothing changed — and after every
step builds it twice: incrementally into the same output folder with the build cache, and
cold (``--no-cache``) into a fresh folder. The two trees must be byte-identical. The cached
builds run once in this process with one worker and once as the command line with two worker
processes (a fresh process, so the workers really fork).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from notes_site.build.cache import OutputManifest
from notes_site.build.memory import BuildMemory
from notes_site.build.pipeline import build
from notes_site.build.report import BuildReport
from notes_site.digest.arxiv_data import ArxivRecord, record_path, write_record
from notes_site.output.write import clone_files

from .sitegen import generate

REPO = Path(__file__).resolve().parents[1]
Step = Callable[[Path], None]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _edit_entry(site: Path) -> None:
    path = site / "content" / "digests" / "digest-003.md"
    text = path.read_text(encoding="utf-8")
    assert "｜" in text
    path.write_text(text.replace("｜", "｜ 改过的标题", 1), encoding="utf-8")


def _add_digest(site: Path) -> None:
    (site / "content" / "digests" / "new.md").write_text(
        "+++\ntitle = '新的'\ndate = 2025-07-01\n+++\n\n## 微调\n\n"
        "2025-07-01 10:00:00 Tuesday ｜ 新的论文\n\n论文链接：https://arxiv.org/abs/2106.09685\n",
        encoding="utf-8",
    )


def _delete_digest(site: Path) -> None:
    (site / "content" / "digests" / "digest-005.md").unlink()


def _rename_digest(site: Path) -> None:
    folder = site / "content" / "digests"
    (folder / "digest-007.md").rename(folder / "renamed.md")


def _retitle_paper(site: Path) -> None:
    """A paper's Chinese title made longer (the longest wins): its chips on other pages, the
    related lists that show it and its own pages all change."""
    for path in sorted((site / "content" / "digests").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if " **标题** ： " in text:
            path.write_text(
                text.replace(" **标题** ： ", " **标题** ： 改过的很长的中文标题", 1), encoding="utf-8"
            )
            return
    raise AssertionError("no arXiv-daily block to retitle")


def _redate_entry(site: Path) -> None:
    """An entry moved a year back: the first dates of its papers, and so every list ordered by
    them, change."""
    path = site / "content" / "digests" / "digest-004.md"
    text = path.read_text(encoding="utf-8")
    assert "2025-01-05 09:00:00" in text
    path.write_text(
        text.replace("2025-01-05 09:00:00 Sunday", "2024-01-05 09:00:00 Friday", 1), encoding="utf-8"
    )


def _edit_template(site: Path) -> None:
    partial = site / "templates" / "partials" / "paper_card.html"
    partial.parent.mkdir(parents=True, exist_ok=True)
    builtin = (REPO / "templates" / "partials" / "paper_card.html").read_text(encoding="utf-8")
    partial.write_text(builtin.replace('class="paper-card"', 'class="paper-card custom"'), encoding="utf-8")


def _edit_config(site: Path) -> None:
    config = site / "notes-site.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("生成的站点", "改名的站点"), encoding="utf-8"
    )


def _edit_base_url(site: Path) -> None:
    config = site / "notes-site.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("https://example.org/", "https://example.org/notes/"), encoding="utf-8")


def _add_ref(site: Path) -> None:
    (site / "content" / "about.md").write_text(
        "+++\ntitle = 'About'\n+++\n\nSee [the new digest]({{< ref \"digests/new.md\" >}}).\n",
        encoding="utf-8",
    )


def _move_ref_target(site: Path) -> None:
    folder = site / "content" / "digests"
    (folder / "new.md").rename(folder / "moved.md")
    about = site / "content" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8").replace("digests/new.md", "digests/moved.md"), encoding="utf-8"
    )


def _rename_under_ref(site: Path) -> None:
    # The page that refers stays as it is; only the URL it resolves to changes.
    target = site / "content" / "digests" / "moved.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("+++\ntitle", "+++\nslug = 'elsewhere'\ntitle", 1), encoding="utf-8")


def _add_static(site: Path) -> None:
    (site / "static" / "img").mkdir(exist_ok=True)
    (site / "static" / "img" / "a.svg").write_text("<svg/>\n", encoding="utf-8")


def _change_static(site: Path) -> None:
    path = site / "static" / "notes.txt"
    path.write_text("changed, and longer than before\n", encoding="utf-8")


def _delete_static(site: Path) -> None:
    (site / "static" / "img" / "a.svg").unlink()


def _arxiv_id(site: Path) -> str:
    text = (site / "content" / "digests" / "digest-003.md").read_text(encoding="utf-8")
    found = re.search(r"arxiv\.org/abs/(\d{4}\.\d{4,5})", text)
    assert found, "the generated digest links no arXiv paper"
    return found.group(1)


def _add_arxiv_record(site: Path) -> None:
    # What `papers fetch` writes: the build must read it, and a cached build must see it.
    record = ArxivRecord(
        id=_arxiv_id(site),
        version=1,
        title="A Title Only arXiv Knows",
        authors=("Ada Lovelace", "Alan Turing"),
        abstract="An abstract from arXiv.",
        categories=("cs.LG", "cs.CL"),
        published="2023-05-01T12:00:00Z",
        updated="2023-05-02T12:00:00Z",
    )
    write_record(site, record)


def _change_arxiv_record(site: Path) -> None:
    path = record_path(site, _arxiv_id(site))
    path.write_text(path.read_text(encoding="utf-8").replace('"cs.CL"', '"stat.ML"'), encoding="utf-8")


def _delete_arxiv_record(site: Path) -> None:
    record_path(site, _arxiv_id(site)).unlink()


def _take_generated_path(site: Path) -> None:
    """A content page at ``/papers/`` moves notes-site's paper pages aside (``views/generated.py``)."""
    page = site / "content" / "papers.md"
    page.write_text("+++\ntitle = 'Papers I keep'\n+++\nMy own list.\n", encoding="utf-8")


def _nothing(site: Path) -> None:
    pass


STEPS: list[tuple[str, Step]] = [
    ("first build", _nothing),
    ("nothing changed", _nothing),
    ("an entry edited", _edit_entry),
    ("a paper retitled", _retitle_paper),
    ("an entry redated", _redate_entry),
    ("a digest added", _add_digest),
    ("a digest deleted", _delete_digest),
    ("a digest renamed", _rename_digest),
    ("a template overridden", _edit_template),
    ("the config changed", _edit_config),
    ("baseURL changed", _edit_base_url),
    ("a page took a generated path", _take_generated_path),
    ("a page with a ref added", _add_ref),
    ("a ref target moved", _move_ref_target),
    ("a ref target's URL changed", _rename_under_ref),
    ("a static file added", _add_static),
    ("a static file changed", _change_static),
    ("a static file deleted", _delete_static),
    ("an arXiv record fetched", _add_arxiv_record),
    ("an arXiv record changed", _change_arxiv_record),
    ("an arXiv record deleted", _delete_arxiv_record),
]


def _cold(site: Path, out: Path) -> dict[str, bytes]:
    build(site, out, search=False, cache=False, workers=1)
    return _tree(out)


def _check(
    site: Path,
    tmp: Path,
    incremental: Callable[[], tuple[str, int | None]],
    output: Callable[[], Path] | None = None,
) -> None:
    """After each step, the incremental build's output (*output()*, by default ``public/``) and
    a cold build's are the same files, byte for byte."""
    for number, (name, step) in enumerate(STEPS):
        step(site)
        summary, rendered = incremental()
        cold = _cold(site, tmp / f"cold-{number}")
        cached = _tree(output() if output is not None else site / "public")
        assert cached.keys() == cold.keys(), (
            f"after {name}: files differ: {sorted(cached.keys() ^ cold.keys())}"
        )
        changed = [path for path in cold if cold[path] != cached[path]]
        assert not changed, f"after {name}: bytes differ in {changed[:10]}"
        if name == "nothing changed":
            assert rendered == 0, f"nothing changed, yet {rendered} pages were rendered ({summary})"
        if name in ("a paper retitled", "an entry redated"):
            assert rendered, f"after {name}, no page was rendered ({summary})"
        if name == "an entry edited":
            assert rendered is not None and 0 < rendered < len(cold) // 2, f"an edit re-rendered {summary}"


def test_cached_build_equals_cold_build_in_one_process(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", documents=12, entries=4)

    def incremental() -> tuple[str, int | None]:
        report: BuildReport = build(site, site / "public", search=False, workers=1)
        return f"{report.rendered} of {report.pages}", report.rendered

    _check(site, tmp_path, incremental)


def _check_with_memory(site: Path, tmp: Path) -> None:
    """:func:`_check` with one :class:`BuildMemory` kept across every step; some page must have
    been found unchanged from its inputs (else the memory was never used)."""
    memory = BuildMemory()
    skipped: list[int] = []
    unmade: list[int] = []

    def incremental() -> tuple[str, int | None]:
        report: BuildReport = build(site, site / "public", search=False, workers=1, memory=memory)
        skipped.append(memory.skipped)
        unmade.append(memory.unmade_inputs)
        return f"{report.rendered} of {report.pages}", report.rendered

    _check(site, tmp, incremental)
    assert max(skipped) > 0, "no page was ever found unchanged from its inputs"
    assert max(unmade) > 0, "no paper page was ever known unchanged from its kept views alone"


def test_builds_with_a_memory_equal_cold_builds(tmp_path: Path) -> None:
    """What a long-running process keeps between builds (``build/memory.py``: merged papers,
    views, their fingerprints, what each paper page was made from) never changes a byte."""
    _check_with_memory(generate(tmp_path / "site", documents=12, entries=4), tmp_path)


def test_builds_with_a_memory_equal_cold_builds_with_lists_split_into_pages(tmp_path: Path) -> None:
    """Topic and timeline pages say their inputs too (``topic_inputs``, ``timeline_inputs``):
    entries that move from one page to the next leave no stale page behind."""
    site = generate(tmp_path / "site", documents=12, entries=4)
    config = site / "notes-site.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n[notesSite]\nentriesPerPage = 5\n", encoding="utf-8"
    )
    _check_with_memory(site, tmp_path)
    assert (site / "public" / "timeline" / "page" / "2" / "index.html").is_file()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes are forked")
def test_memory_builds_into_rotating_folders_equal_cold_builds(tmp_path: Path) -> None:
    """As ``serve`` builds: in place, into three folders in turn (each holding what it held
    three builds ago; a folder used the first time starts as a hard-linked copy of the last
    one), with two worker processes, one memory throughout."""
    site = generate(tmp_path / "site", documents=60, entries=4)
    memory = BuildMemory()
    folders = [tmp_path / f"serve-{n}" for n in range(3)]
    manifests: dict[Path, OutputManifest | None] = {}
    turn = [0]

    def incremental() -> tuple[str, int | None]:
        folder = folders[turn[0] % 3]
        last = folders[(turn[0] - 1) % 3]
        turn[0] += 1
        if folder not in manifests and last in manifests:
            base = manifests[last]
            assert base is not None
            clone_files(last, folder, base.records)
            manifests[folder] = base
        report: BuildReport = build(
            site,
            folder,
            search=False,
            workers=2,
            in_place=True,
            previous=manifests.get(folder),
            memory=memory,
        )
        manifests[folder] = report.manifest
        return f"{report.rendered} of {report.pages}", report.rendered

    _check(site, tmp_path, incremental, lambda: folders[(turn[0] - 1) % 3])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes are forked")
def test_cached_build_with_worker_processes_equals_cold_build(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", documents=60, entries=4)

    def incremental() -> tuple[str, int | None]:
        command = [sys.executable, "-m", "notes_site", "build", str(site), "--no-search", "-j", "2", "-v"]
        run = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        summary = next(line for line in run.stderr.splitlines() if line.startswith("built "))
        found = re.search(r"pages made (\d+)", run.stderr)
        made.append((summary, int(found.group(1)) if found else 0))
        if "nothing changed" in summary:
            return summary, 0
        assert "workers 2" in run.stderr, f"the build did not use two workers: {run.stderr[-400:]}"
        match = re.search(r"(\d+) pages rendered", summary)
        return summary, int(match.group(1)) if match else None

    made: list[tuple[str, int | None]] = []
    _check(site, tmp_path, incremental)
    # Each build is a process of its own (its own string hashes): pages whose inputs are equal
    # are still recognised from the fingerprint the last process recorded, without being made.
    # A static file changes no page's inputs: only the pages that say none are made.
    summary, count = made[[name for name, _step in STEPS].index("a static file added")]
    assert count < int(summary.split()[1]) // 10, f"{count} pages made: {summary}"


def test_cached_build_equals_cold_build_with_lists_split_into_pages(tmp_path: Path) -> None:
    """Entries that move from one page of a topic or the timeline to the next (an edit, a digest
    added or deleted) leave no stale page behind."""
    site = generate(tmp_path / "site", documents=12, entries=4)
    config = site / "notes-site.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n[notesSite]\nentriesPerPage = 5\n", encoding="utf-8"
    )

    def incremental() -> tuple[str, int | None]:
        report: BuildReport = build(site, site / "public", search=False, workers=1)
        return f"{report.rendered} of {report.pages}", report.rendered

    _check(site, tmp_path, incremental)
    assert (site / "public" / "timeline" / "page" / "2" / "index.html").is_file()
