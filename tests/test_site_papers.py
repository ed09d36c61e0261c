"""The site side of paper identity and undated entries: pages per key, id links, BibTeX, "undated",
mentions tied by name, and the export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notes_site.build.load import load_site
from notes_site.build.pipeline import build
from notes_site.output.export import export_bibtex, export_csv, site_as_data

from .sitecheck import broken_links

DIGEST = """+++
title = '会议与期刊'
+++

## 视觉

Vision Transformers Need Registers
 **Link**: https://openreview.net/forum?id=2dnO3LLiJ1
 **Venue**: ICLR 2024

2025-05-08 ｜ AlphaFold 2

论文标题：Highly accurate protein structure prediction with AlphaFold

论文链接：https://www.nature.com/articles/s41586-021-03819-2

**发表**：Nature 2021

2025-05-09 20:00 Friday ｜ 组会：AlphaFold 的结构模块 https://mp.weixin.qq.com/s/example

没有链接，只写了名字：Highly accurate protein structure prediction with AlphaFold。
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("identity")
    (root / "content" / "notes").mkdir(parents=True)
    (root / "content" / "notes" / "venues.md").write_text(DIGEST, encoding="utf-8")
    report = build(root, root / "public", search=False)
    assert report.errors == 0
    return root


def test_papers_without_arxiv_get_pages_by_scheme(site: Path) -> None:
    public = site / "public"
    openreview = (public / "papers" / "openreview" / "2dnO3LLiJ1" / "index.html").read_text("utf-8")
    assert "OpenReview:2dnO3LLiJ1" in openreview
    assert 'href="https://openreview.net/forum?id=2dnO3LLiJ1"' in openreview
    assert "arxiv.org" not in openreview
    alphafold = (public / "papers" / "doi" / "10.1038" / "s41586-021-03819-2" / "index.html").read_text(
        "utf-8"
    )
    assert 'href="https://doi.org/10.1038/s41586-021-03819-2"' in alphafold
    assert "Nature 2021" in alphafold
    assert not broken_links(public, "/")


def test_undated_entries_show_as_undated_on_the_digest_and_the_paper_page(site: Path) -> None:
    public = site / "public"
    digest = (public / "notes" / "venues" / "index.html").read_text("utf-8")
    assert digest.count('class="undated"') == 1
    paper = (public / "papers" / "openreview" / "2dnO3LLiJ1" / "index.html").read_text("utf-8")
    assert '<span class="undated">无日期</span>' in paper
    timeline = (public / "timeline" / "index.html").read_text("utf-8")
    assert "undated" not in timeline  # the timeline is by month; an undated entry has none


def test_a_mention_tied_by_name_is_marked_on_the_paper_page_and_its_card(site: Path) -> None:
    public = site / "public"
    paper = (public / "papers" / "doi" / "10.1038" / "s41586-021-03819-2" / "index.html").read_text("utf-8")
    assert (
        '<span class="by-name">按名称“Highly accurate protein structure prediction with AlphaFold”' in paper
    )
    digest = (public / "notes" / "venues" / "index.html").read_text("utf-8")
    assert digest.count('href="/papers/doi/10.1038/s41586-021-03819-2/"') == 2  # both entry cards


def test_export_and_bibtex_name_every_scheme(site: Path) -> None:
    loaded = load_site(site)
    data = site_as_data(loaded)
    (document,) = [d for d in data["documents"] if d["source"] == "notes/venues.md"]
    assert [e["timestamp"] for e in document["entries"]] == [None, "2025-05-08", "2025-05-09T20:00"]
    papers = {p["key"]: p for p in data["papers"]}
    assert papers["openreview/2dnO3LLiJ1"]["arxiv_id"] is None
    assert papers["openreview/2dnO3LLiJ1"]["mentions"][0]["timestamp"] is None
    tied = papers["doi/10.1038/s41586-021-03819-2"]["mentions"][1]
    assert (tied["matched"], tied["line"]) == ("name", 19)
    bibtex = export_bibtex(loaded)
    assert "howpublished = {ICLR 2024}" in bibtex and "year = {2024}" in bibtex
    assert "doi = {10.1038/s41586-021-03819-2}" in bibtex and "year = {2021}" in bibtex
    assert "eprint" not in bibtex
    rows = export_csv(loaded).splitlines()
    assert rows[1].startswith(",") and rows[1].endswith(",/papers/doi/10.1038/s41586-021-03819-2/")
    papers_json = json.loads((site / "public" / "papers.json").read_text("utf-8"))
    assert {p.get("id") for p in papers_json} == {"OpenReview:2dnO3LLiJ1", "DOI:10.1038/s41586-021-03819-2"}
