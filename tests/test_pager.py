"""Long topic and timeline lists split into pages (``site/views/pager.py``): every entry on
exactly one page, in the order of the unsplit list; page links, titles and alternates; the
config key and its warning. A list that fits one page is unchanged (``test_golden.py``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from notes_site.build.pipeline import build
from notes_site.site.views.pager import Pager, entries_per_page, page_count, page_path

REPO = Path(__file__).resolve().parents[1]


def _site(tmp: Path, per_page: object | None) -> Path:
    site = tmp / "site"
    shutil.copytree(REPO / "content", site / "content")
    config = (REPO / "notes-site.toml").read_text(encoding="utf-8")
    if per_page is not None:
        config += f"\n[notesSite]\nentriesPerPage = {per_page!r}\n".replace("'", '"')
    (site / "notes-site.toml").write_text(config, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example site built whole (one page per list) and with two entries a page."""
    whole = _site(tmp_path_factory.mktemp("whole"), None)
    build(whole, whole / "public", search=False)
    split = _site(tmp_path_factory.mktemp("split"), 2)
    build(split, split / "public", search=False)
    return whole / "public", split / "public"


def _entries(page: Path) -> list[str]:
    """Each entry card's link to its place in its digest, in page order."""
    tree = lxml_html.fromstring(page.read_bytes())
    return [str(href) for href in tree.xpath("//article[@class='entry']//p[@class='entry-source']/a/@href")]


def _pages(first: Path) -> list[Path]:
    """The first page and the ones after it, in order."""
    pages = [first / "index.html"]
    number = 2
    while (first / "page" / str(number) / "index.html").is_file():
        pages.append(first / "page" / str(number) / "index.html")
        number += 1
    return pages


@pytest.mark.parametrize("folder", ["timeline", "en/timeline", "topics/预训练", "en/topics/微调"])
def test_every_entry_is_on_exactly_one_page_in_order(built: tuple[Path, Path], folder: str) -> None:
    whole, split = built
    expected = _entries(whole / folder / "index.html")
    assert len(expected) > 2, "the example list should need more than one page"
    pages = _pages(split / folder)
    assert len(pages) == page_count(len(expected), 2)
    seen = [entry for page in pages for entry in _entries(page)]
    assert seen == expected
    assert all(len(_entries(page)) <= 2 for page in pages)
    assert not (whole / folder / "page").exists()


def test_pages_link_to_each_other_and_say_which_they_are(built: tuple[Path, Path]) -> None:
    _whole, split = built
    pages = _pages(split / "timeline")
    second = lxml_html.fromstring(pages[1].read_bytes())
    assert second.xpath("string(//nav[@class='pager']//*[@aria-current='page'])") == "2"
    assert second.xpath("//nav[@class='pager']/a[@rel='prev']/@href") == ["/notes/timeline/"]
    assert second.xpath("//nav[@class='pager']/a[@rel='next']/@href") == ["/notes/timeline/page/3/"]
    assert "第 2 页" in second.xpath("string(//title)")
    assert second.xpath("//link[@rel='canonical']/@href") == ["https://example.org/notes/timeline/page/2/"]
    assert "https://example.org/notes/en/timeline/page/2/" in second.xpath(
        "//link[@rel='alternate'][@hreflang]/@href"
    )
    first = lxml_html.fromstring(pages[0].read_bytes())
    assert not first.xpath("//nav[@class='pager']/a[@rel='prev']")
    last = lxml_html.fromstring(pages[-1].read_bytes())
    assert not last.xpath("//nav[@class='pager']/a[@rel='next']")


def test_month_links_lead_to_the_page_each_month_starts_on(built: tuple[Path, Path]) -> None:
    _whole, split = built
    pages = _pages(split / "timeline")
    tree = lxml_html.fromstring(pages[-1].read_bytes())
    for href in tree.xpath("//nav[@class='months']//a/@href"):
        path, _, anchor = href.partition("#")
        target = pages[-1] if not path else split / path.removeprefix("/notes/") / "index.html"
        assert lxml_html.fromstring(target.read_bytes()).xpath(f"//*[@id='{anchor}']"), href


def test_a_topic_page_lists_the_papers_its_entries_mention(built: tuple[Path, Path]) -> None:
    _whole, split = built
    for page in _pages(split / "topics" / "预训练"):
        tree = lxml_html.fromstring(page.read_bytes())
        entries = "//section[@aria-labelledby='topic-entries']"
        mentioned = set(tree.xpath(f"{entries}//a[contains(@href,'/papers/')]/@href"))
        cards = set(tree.xpath("//section[@aria-labelledby='topic-papers']//h3//a/@href"))
        assert cards <= mentioned


def test_a_bad_page_size_is_a_warning_naming_the_config(tmp_path: Path) -> None:
    site = _site(tmp_path, "many")
    report = build(site, site / "public", search=False)
    warnings = [d for d in report.diagnostics if d.code == "bad-config"]
    assert len(warnings) == 1 and warnings[0].source == "notes-site.toml"
    assert "entriesPerPage" in warnings[0].message and warnings[0].level == "warning"
    assert not (site / "public" / "timeline" / "page").exists()


def test_the_page_size_is_read_from_the_config() -> None:
    assert entries_per_page({}, "hugo.toml") == (50, None)
    assert entries_per_page({"notessite": {"entriesperpage": 7}}, "hugo.toml") == (7, None)
    for bad in (0, -3, True, "7", 2.5):
        size, warning = entries_per_page({"notessite": {"entriesperpage": bad}}, "hugo.toml")
        assert size == 50 and warning is not None and warning.source == "hugo.toml"


def test_the_page_window_keeps_the_ends_and_the_neighbours() -> None:
    hrefs = tuple(page_path("/t/", n) for n in range(1, 11))
    assert hrefs[:2] == ("/t/", "/t/page/2/")
    window = Pager(6, hrefs).window
    assert [n for n, _ in window] == [1, 0, 4, 5, 6, 7, 8, 0, 10]
    assert [n for n, _ in Pager(1, hrefs).window] == [1, 2, 3, 0, 10]
    assert [n for n, _ in Pager(1, hrefs[:1]).window] == [1]
    assert Pager(10, hrefs).next_href is None and Pager(10, hrefs).previous_href == "/t/page/9/"
    assert re.fullmatch(r"/t/page/\d+/", dict(window)[4])


@pytest.mark.parametrize("folder", ["papers", "en/papers"])
def test_every_paper_is_on_exactly_one_page_of_the_list(built: tuple[Path, Path], folder: str) -> None:
    whole, split = built

    def cards(page: Path) -> list[str]:
        tree = lxml_html.fromstring(page.read_bytes())
        return [
            str(h) for h in tree.xpath("//div[@class='paper-list']/article[@class='paper-card']/h3/a/@href")
        ]

    expected = cards(whole / folder / "index.html")
    assert len(expected) > 2
    pages = _pages(split / folder)
    assert len(pages) == page_count(len(expected), 2)
    assert [card for page in pages for card in cards(page)] == expected
    count = lxml_html.fromstring(pages[1].read_bytes()).xpath("string(//h1/span[@class='count'])")
    assert count == str(len(expected))
