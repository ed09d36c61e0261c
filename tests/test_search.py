"""The search index, without a browser: what the build writes, what paper pages give Pagefind,
and how indexing fails. The queries themselves run in Chromium (test_browser_search.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from notes_site.build.load import load_site
from notes_site.build.pipeline import build
from notes_site.output.search import SearchError, index_site, pagefind_binary, paper_search_fields

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("search") / "public"
    report = build(REPO, out)
    assert report.search is not None
    return out


def test_the_extended_binary_is_used() -> None:
    assert "extended" in pagefind_binary().name


def test_the_build_writes_one_index_for_both_languages(built: Path, tmp_path: Path) -> None:
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]  # zh-CN and en pages together, not one index each
    report = build(REPO, tmp_path / "again")
    assert report.search is not None
    # 28 paper pages (the default language's: a result links to the reader's language) + the
    # digest and about pages of both languages; home, topics, tags … are left out.
    assert report.search.pages == entry["languages"]["zh"]["page_count"] == 28 + 8
    files = [f for f in (tmp_path / "again/pagefind").rglob("*") if f.is_file()]
    assert report.search.bytes == sum(f.stat().st_size for f in files) > 100_000
    assert 0 < report.search.seconds < report.seconds


def test_no_search_skips_the_index(tmp_path: Path) -> None:
    report = build(REPO, tmp_path / "out", search=False)
    assert report.search is None
    assert not (tmp_path / "out" / "pagefind").exists()


def test_a_search_page_per_language(built: Path) -> None:
    for path, lang in (("search/index.html", "zh-CN"), ("en/search/index.html", "en")):
        html = (built / path).read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        assert 'data-pagefind="/notes/pagefind/pagefind.js"' in html
        assert 'data-base="/notes/"' in html
    home = (built / "index.html").read_text(encoding="utf-8")
    assert '<form class="site-search" role="search" action="/notes/search/" method="get">' in home
    assert 'name="q"' in home
    assert "data-pagefind-body" not in home


def test_paper_pages_carry_ids_metadata_and_filters(built: Path) -> None:
    html = (built / "papers/2305.10429/index.html").read_text(encoding="utf-8")
    assert "230510429 2305.10429 arXiv:2305.10429" in html  # the search box sends 230510429
    assert 'data-pagefind-meta="arxiv_id">2305.10429<' in html
    assert 'data-pagefind-meta="url_en">/notes/en/papers/2305.10429/<' in html
    assert 'data-pagefind-filter="topic">预训练<' in html
    assert 'data-pagefind-filter="year">2023<' in html
    assert 'data-pagefind-filter="source">papers.cool<' in html
    assert 'data-pagefind-sort="date:2025-04-18"' in html
    # Related papers and BibTeX do not count as this paper's text.
    assert re.search(r'<section aria-labelledby="related" data-pagefind-ignore>', html)


def test_search_fields() -> None:
    site = load_site(REPO)
    flash = paper_search_fields(site.papers["2205.14135"], "2024-10-03")
    assert flash.id_words == ("220514135", "2205.14135", "arXiv:2205.14135")
    assert flash.year == "2022"
    assert set(flash.sources) == {"papers.cool", "arXiv", "WeChat"} - {"WeChat"}
    assert flash.has_code
    assert "attention" in flash.glossary  # its Chinese text says 注意力
    r1 = paper_search_fields(site.papers["2501.12948"], None)
    assert r1.sources == ("WeChat",)
    assert "reinforcement learning" in r1.glossary  # noted only in Chinese (强化学习)


def test_standard_binary_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with pytest.raises(SearchError, match="does not segment Chinese"):
        index_site(tmp_path)


def test_a_failed_index_keeps_the_old_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(REPO, out, search=False)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "pagefind_extended_missing"))
    with pytest.raises(SearchError):
        build(REPO, out)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
