"""A paper page in Chromium: the citation tags a reference manager reads, and the formatted
reference copied in GB/T 7714-2015 (zh) and APA (en). The site is the papers fixture with the
recorded arXiv entries in ``data/arxiv/``, as ``papers fetch`` leaves it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from notes_site.build.pipeline import build
from notes_site.commands.arxiv_api import parse_feed
from notes_site.digest.arxiv_data import write_record

from .serving import BASE, serve

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("browser-papers") / "site"
    shutil.copytree(REPO / "tests" / "sites" / "papers", site)
    feed = (REPO / "tests" / "fixtures" / "arxiv" / "feed.xml").read_bytes()
    for record in parse_feed(feed, ["1706.03762", "2106.09685", "2205.14135", "2401.00001"]).records:
        write_record(site, record)
    out = site / "public"
    build(site, out, search=False)
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(out) as url:
        yield url


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("papers/2205.14135/", "[1]DAO T, FU D Y, ERMON S, et al. FlashAttention: Fast and Memory-Efficient"),
        (
            "en/papers/2205.14135/",
            "Dao, T., Fu, D. Y., Ermon, S., Rudra, A., & Ré, C. (2022). FlashAttention",
        ),
    ],
    ids=["zh-gbt7714", "en-apa"],
)
def test_paper_page_exposes_citation_tags_and_copies_its_reference(
    browser: Any, site_url: str, path: str, expected: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.split(BASE)[0])
    page = context.new_page()
    page.goto(site_url + path)
    tags = page.evaluate(
        "Array.from(document.querySelectorAll('meta[name^=\"citation_\"]'), m => [m.name, m.content])"
    )
    names = [name for name, _ in tags]
    assert names[0] == "citation_title"
    assert dict(tags)["citation_title"].startswith("FlashAttention: Fast and Memory-Efficient")
    assert [v for k, v in tags if k == "citation_author"] == [
        "Tri Dao",
        "Daniel Y. Fu",
        "Stefano Ermon",
        "Atri Rudra",
        "Christopher Ré",
    ]
    assert dict(tags)["citation_publication_date"] == "2022/05/27"
    assert dict(tags)["citation_arxiv_id"] == "2205.14135"
    assert dict(tags)["citation_pdf_url"] == "https://arxiv.org/pdf/2205.14135"
    button = page.locator("button[data-copy='reference-text']")
    assert button.is_visible()
    label = button.inner_text()
    button.click()
    page.wait_for_function(
        "label => document.querySelector(\"button[data-copy='reference-text']\").textContent !== label",
        arg=label,
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(expected), copied
    assert "<i>" not in copied and "&amp;" not in copied
    page.screenshot(path=str(ARTIFACTS / f"paper-reference-{path.split('/')[0]}.png"), full_page=True)
    context.close()
