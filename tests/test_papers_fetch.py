"""``notes-site papers fetch``/``status`` against a stand-in arXiv API on 127.0.0.1, and the build
reading ``data/arxiv/`` without the network.

The stand-in (``tests/arxiv_server.py``) serves hand-written entries in the documented Atom
shape; nothing here talks to the real arXiv.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import click.testing
import httpx
import pytest
from click.testing import CliRunner

from notes_site.build.load import load_site
from notes_site.build.pipeline import build
from notes_site.commands.arxiv_api import ApiPolicy, ArxivClient
from notes_site.commands.cli import main
from notes_site.digest.arxiv_data import read_records, record_path

from .arxiv_server import FIXTURES, ArxivStub, arxiv_stub

REPO = Path(__file__).resolve().parents[1]
FIXTURE_SITE = REPO / "tests" / "sites" / "papers"
ARXIV_PAPERS = ("1706.03762", "2106.09685", "2205.14135", "2401.00001")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, copy)
    return copy


@pytest.fixture
def stub() -> Iterator[ArxivStub]:
    with arxiv_stub() as served:
        yield served


def _fetch(site: Path, stub: ArxivStub, *args: str) -> click.testing.Result:
    return CliRunner().invoke(
        main,
        ["papers", "fetch", str(site), "--api", stub.url, "--interval", "0", *args],
        catch_exceptions=False,
    )


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_fetch_then_build_gives_every_paper_its_title_authors_and_abstract(
    site: Path, stub: ArxivStub
) -> None:
    before = load_site(site)
    assert not before.papers["1706.03762"].title_en and not before.papers["2106.09685"].authors
    result = _fetch(site, stub)
    assert result.exit_code == 0, result.output
    assert "4 records written" in result.output
    assert len(stub.requests) == 1 and sorted(stub.requests[0]) == sorted(ARXIV_PAPERS)
    assert sorted(path.name for path in (site / "data" / "arxiv").iterdir()) == [
        f"{i}.json" for i in ARXIV_PAPERS
    ]
    after = load_site(site)
    for arxiv_id in ARXIV_PAPERS:
        paper = after.papers[arxiv_id]
        assert paper.title_en and paper.authors and paper.abstract_en, arxiv_id
        assert not paper.authors_truncated
        assert paper.categories and paper.published
    transformer = after.papers["1706.03762"]
    assert transformer.title_en == "Attention Is All You Need"
    assert transformer.authors[-1] == "Illia Polosukhin"
    assert transformer.categories == ("cs.CL", "cs.LG")
    assert transformer.published == "2017-06-12"
    assert transformer.from_arxiv == ("title_en", "authors", "abstract_en", "comments")
    build(site, site / "public", search=False)
    html = (site / "public" / "papers" / "1706.03762" / "index.html").read_text(encoding="utf-8")
    assert "Attention Is All You Need" in html and "Illia Polosukhin" in html and "Transformer, based" in html


def test_what_the_digest_says_wins(site: Path, stub: ArxivStub) -> None:
    assert _fetch(site, stub).exit_code == 0
    flash = load_site(site).papers["2205.14135"]
    # The digest's titles and Chinese abstract stay; arXiv completes the cut-off author list
    # (it starts with the digest's two names) and adds the English abstract, venue and DOI.
    assert flash.title_en == "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness"
    assert flash.title_zh == "FlashAttention：快速且省显存的精确注意力"
    assert flash.abstract_zh and flash.abstract_zh.startswith("按块")
    assert flash.authors == ("Tri Dao", "Daniel Y. Fu", "Stefano Ermon", "Atri Rudra", "Christopher Ré")
    assert flash.from_arxiv == ("authors", "abstract_en", "venue")
    assert flash.venue == "NeurIPS 2022" and flash.journal_doi == "10.5555/3600270.3601459"


def test_a_cut_off_author_list_that_disagrees_with_arxiv_is_kept(site: Path, stub: ArxivStub) -> None:
    digest = site / "content" / "digests" / "records.md"
    digest.write_text(
        digest.read_text(encoding="utf-8").replace("Daniel Y. Fu", "Someone Else"), encoding="utf-8"
    )
    assert _fetch(site, stub).exit_code == 0
    flash = load_site(site).papers["2205.14135"]
    assert flash.authors == ("Tri Dao", "Someone Else") and flash.authors_truncated
    assert "authors" not in flash.from_arxiv


def test_a_second_fetch_asks_only_for_what_is_still_missing(site: Path, stub: ArxivStub) -> None:
    assert _fetch(site, stub).exit_code == 0
    assert len(stub.requests) == 1
    again = _fetch(site, stub)
    assert again.exit_code == 0 and "nothing to fetch" in again.output
    assert len(stub.requests) == 1, "a second fetch asked arXiv again"
    extra = site / "content" / "digests" / "more.md"
    extra.write_text(
        "+++\ntitle = 'More'\n+++\n\n## 评测\n\n"
        "2025-07-07 08:00:00 Monday ｜ 一篇新论文\n\n论文链接：https://arxiv.org/abs/2501.99999\n\n"
        "2025-07-08 08:00:00 Tuesday ｜ 一篇写全了的论文\n\n"
        "Title: Complete Already\nLink: https://arxiv.org/abs/2502.00001\nAuthors: A. Person\n"
        "Abstract: Everything is here.\n",
        encoding="utf-8",
    )
    third = _fetch(site, stub)
    assert stub.requests[1:] == [["2501.99999"]]
    assert third.exit_code == 1, "an id arXiv cannot read is a warning and exit 1"
    assert "incorrect id format for 2501.99999" in third.output
    # --all asks about every arXiv paper again, and rewrites no file whose record is unchanged.
    stamps = {p.name: p.stat().st_mtime_ns for p in (site / "data" / "arxiv").iterdir()}
    everything = _fetch(site, stub, "--all", "--batch-size", "2")
    assert sorted(i for request in stub.requests[2:] for i in request) == sorted(
        [*ARXIV_PAPERS, "2501.99999", "2502.00001"]
    )
    assert all(len(request) <= 2 for request in stub.requests[2:])
    assert "0 records written, 4 unchanged" in everything.output
    assert stamps == {p.name: p.stat().st_mtime_ns for p in (site / "data" / "arxiv").iterdir()}


def test_status_says_what_is_missing_without_the_network(site: Path, stub: ArxivStub) -> None:
    result = CliRunner().invoke(main, ["papers", "status", str(site)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "4 papers with an arXiv id: 0 complete from the digests, 0 filled" in result.output
    assert "2205.14135  authors, abstract  (digests/records.md:16)" in result.output
    assert "2 papers without an arXiv id" in result.output
    assert _fetch(site, stub).exit_code == 0
    (site / "data" / "arxiv" / "0704.0001.json").write_text(
        (site / "data" / "arxiv" / "1706.03762.json")
        .read_text(encoding="utf-8")
        .replace("1706.03762", "0704.0001"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["papers", "status", str(site)], catch_exceptions=False)
    assert "4 filled from data/arxiv/, 0 missing" in result.output
    assert "data/arxiv/0704.0001.json" in result.output


def test_a_failed_request_is_tried_again(site: Path, stub: ArxivStub) -> None:
    stub.fail = [503, 429]
    result = _fetch(site, stub)
    assert result.exit_code == 0, result.output
    assert len(stub.requests) == 3 and stub.requests[0] == stub.requests[2]
    assert "HTTP 503; trying again" in result.output and "retry 2 of 4" in result.output


def test_offline_says_so_and_keeps_what_was_fetched(site: Path, stub: ArxivStub) -> None:
    assert _fetch(site, stub, "--batch-size", "2").exit_code == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    before = _tree(site / "data")
    result = CliRunner().invoke(
        main,
        [
            "papers",
            "fetch",
            str(site),
            "--all",
            "--api",
            f"http://127.0.0.1:{port}/api/query",
            "--interval",
            "0",
        ],
    )
    assert result.exit_code == 1
    assert "cannot reach 127.0.0.1" in result.output and "offline" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert _tree(site / "data") == before


def test_arxiv_is_asked_at_most_every_3_seconds_and_100_ids_at_a_time() -> None:
    asked: list[list[str]] = []
    feed = (FIXTURES / "feed.xml").read_bytes()

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.params["id_list"].split(","))
        assert request.url.params["max_results"] == str(len(asked[-1]))
        return httpx.Response(200, content=feed)

    now = [0.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    ids = [f"2301.{n:05d}" for n in range(250)]
    policy = ApiPolicy()  # the real defaults: export.arxiv.org, 100 ids, 3 s; the transport is fake
    with ArxivClient(
        policy, sleep=sleep, clock=lambda: now[0], transport=httpx.MockTransport(answer)
    ) as client:
        batches = list(client.batches(ids))
    assert [len(request) for request in asked] == [100, 100, 50]
    assert sleeps == [3.0, 3.0]
    assert all(batch.problems for batch in batches), "ids the feed does not hold are reported"


def test_faster_than_every_3_seconds_only_on_loopback(site: Path) -> None:
    result = CliRunner().invoke(
        main, ["papers", "fetch", str(site), "--api", "https://export.arxiv.org/api/query", "--interval", "1"]
    )
    assert result.exit_code == 2
    assert "at most one request every 3 seconds" in result.output


def test_the_build_never_touches_the_network(
    site: Path, stub: ArxivStub, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _fetch(site, stub).exit_code == 0
    online = site.parent / "online"
    build(site, online, search=False, cache=False)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("the build tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    offline = site.parent / "offline"
    report = build(site, offline, search=False, cache=False)
    assert not report.errors
    assert _tree(offline) == _tree(online)


def test_a_cached_rebuild_after_fetch_equals_a_cold_build(site: Path, stub: ArxivStub) -> None:
    out = site / "public"
    build(site, out, search=False, workers=1)
    assert _fetch(site, stub).exit_code == 0
    report = build(site, out, search=False, workers=1)
    assert report.rendered > 0, "the build did not see the new records"
    cold = site.parent / "cold"
    build(site, cold, search=False, cache=False)
    assert _tree(out) == _tree(cold)
    # An edited record is seen too.
    path = record_path(site, "1706.03762")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["categories"] = ["cs.LG"]
    path.write_text(json.dumps(data), encoding="utf-8")
    build(site, out, search=False, workers=1)
    shutil.rmtree(cold)
    build(site, cold, search=False, cache=False)
    assert _tree(out) == _tree(cold)


def test_a_broken_record_is_a_warning_with_its_line(site: Path) -> None:
    folder = site / "data" / "arxiv"
    folder.mkdir(parents=True)
    (folder / "1706.03762.json").write_text(
        '{\n  "id": "1706.03762",\n  "title": oops\n}\n', encoding="utf-8"
    )
    (folder / "2106.09685.json").write_text('{"id": "2106.09685"}\n', encoding="utf-8")
    records, diagnostics = read_records(site)
    assert records == {}
    assert [(d.source, d.line, d.code) for d in diagnostics] == [
        ("data/arxiv/1706.03762.json", 3, "bad-arxiv-record"),
        ("data/arxiv/2106.09685.json", 0, "bad-arxiv-record"),
    ]
    assert "non-empty string" in diagnostics[1].message
    report = build(site, site / "public", search=False)
    assert any(str(d).startswith("data/arxiv/1706.03762.json:3: warning:") for d in report.diagnostics)
