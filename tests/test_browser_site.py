"""A reader walks the example site in Debian's Chromium (the ``browser`` fixture in conftest.py),
at 1280 and 375 px, served from the base URL's sub-path ``/notes/``.

Screenshots land in tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from notes_site.build.pipeline import build

from .serving import BASE, serious_accessibility_violations, serve

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("browser") / "public"
    build(REPO, out)
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(out) as url:
        yield url


WIDTHS = [pytest.param(1280, id="desktop"), pytest.param(375, id="phone")]


@pytest.mark.parametrize("width", WIDTHS)
def test_reader_walks_the_site(browser: Any, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.split(BASE)[0])
    page = context.new_page()
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.screenshot(path=str(ARTIFACTS / f"home-{width}.png"))

    # Follow a topic from the topic tree.
    page.locator(".topic-tree a", has_text="数据工程").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(
        "/notes/topics/%E9%A2%84%E8%AE%AD%E7%BB%83/%E6%95%B0%E6%8D%AE%E5%B7%A5%E7%A8%8B/"
    )
    assert page.locator("h1").inner_text() == "数据工程"
    page.screenshot(path=str(ARTIFACTS / f"topic-{width}.png"))

    # Open a paper from the topic page and copy its BibTeX.
    page.locator(".paper-card a", has_text="DoReMi").first.click()
    page.wait_for_load_state()
    assert "/notes/papers/2305.10429/" in page.url
    assert page.locator("h1").first.is_visible()
    button = page.locator("button[data-copy='bibtex-code']")
    button.click()
    page.wait_for_function(
        "document.querySelector(\"button[data-copy='bibtex-code']\").textContent === '已复制'"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{") and "eprint = {2305.10429}" in copied
    page.screenshot(path=str(ARTIFACTS / f"paper-{width}.png"), full_page=True)

    # Switch language: the same paper in English.
    page.locator(".lang-switch a", has_text="English").click()
    page.wait_for_load_state()
    assert "/notes/en/papers/2305.10429/" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h2#abstract").inner_text() == "Abstract"

    # Jump through a document's table of contents.
    page.goto(site_url + "digests/training/")
    toc_link = page.locator(".toc a", has_text="微调").first
    if not toc_link.is_visible():  # collapsed on phones
        page.locator(".toc summary").click()
    toc_link.click()
    assert page.url.endswith("#%E5%BE%AE%E8%B0%83") or page.url.endswith("#微调")
    heading = page.locator("[id='微调']")
    box = heading.bounding_box()
    assert box is not None and -2 <= box["y"] < 300
    page.screenshot(path=str(ARTIFACTS / f"document-{width}.png"))

    # Toggle dark mode; it is remembered on the next page.
    light = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    page.locator("[data-theme-toggle]").click()
    assert page.locator("html").get_attribute("data-theme") == "dark"
    dark = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert dark != light
    page.goto(site_url + "timeline/")
    assert page.locator("html").get_attribute("data-theme") == "dark"
    page.screenshot(path=str(ARTIFACTS / f"timeline-dark-{width}.png"))
    context.close()


def test_pages_work_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "digests/training/")
    assert page.locator(".entry").count() == 15
    page.locator(".toc a", has_text="训练范式").first.click()
    assert page.url.endswith("#%E8%AE%AD%E7%BB%83%E8%8C%83%E5%BC%8F") or page.url.endswith("#训练范式")
    assert page.locator("[data-theme-toggle]").is_hidden()
    context.close()


def test_unknown_path_gets_the_404_page(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    response = page.goto(site_url + "no/such/page/")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "404"
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "path", ["", "digests/training/", "papers/2205.14135/", "topics/", "timeline/", "en/", "tags/"]
)
def test_no_serious_accessibility_violations(browser: Any, site_url: str, path: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + path)
    serious = serious_accessibility_violations(page)
    page.close()
    assert serious == []


@pytest.mark.parametrize(
    "path", ["", "digests/training/", "papers/2402.03300/", "topics/预训练/数据工程/", "timeline/", "search/"]
)
def test_no_horizontal_scrolling_at_360_px(browser: Any, site_url: str, path: str) -> None:
    """Long arXiv ids, URLs, BibTeX and Chinese headlines stay inside a 360 px screen."""
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.close()
    assert overflow <= 0
