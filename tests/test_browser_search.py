"""Search in Debian's Chromium: queries typed into the search box of the example site, served over
HTTP on loopback under ``/notes/`` (Pagefind's index cannot be read from ``file://``).

Each query names the paper that must be among the first three cards. The ranks seen are written
to tests/artifacts/search-ranks.txt (git-ignored), the numbers behind README "Search".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from notes_site.build.pipeline import build

from .serving import serious_accessibility_violations, serve

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

# (query, search page language, the arXiv id that must be in the top 3)
QUERIES = [
    ("强化学习", "zh", "2501.12948"),  # DeepSeek-R1 (WeChat summary, Chinese only)
    ("数据混合", "zh", "2305.10429"),  # DoReMi
    ("微调", "zh", "2106.09685"),  # LoRA
    ("注意力", "zh", "2205.14135"),  # FlashAttention
    ("reinforcement", "en", "2501.12948"),  # an English word for a paper noted only in Chinese
    ("mixture", "en", "2305.10429"),  # DoReMi: Optimizing Data Mixtures …
    ("fuzzy", "zh", "2506.11221"),  # LLM-as-a-Fuzzy-Judge
    ("2305.10429", "zh", "2305.10429"),  # an id, split at the dot by Pagefind itself
    ("arXiv:2205.14135", "en", "2205.14135"),
    ("https://arxiv.org/abs/1707.06347", "zh", "1707.06347"),
    ("2305.104", "zh", "2305.10429"),  # the start of an id
    ("Schulman", "zh", "1707.06347"),  # PPO
    ("Rafailov", "en", "2305.18290"),  # DPO
    ("Tri Dao", "zh", "2307.08691"),  # FlashAttention-2 (his only-author paper)
    ("Guangxuan Xiao", "zh", "2309.17453"),  # StreamingLLM
    ("LoRA 微调", "zh", "2106.09685"),  # mixed Chinese and English
    ("GRPO 价值网络", "zh", "2402.03300"),  # DeepSeekMath
    ("FlashAttention 显存", "en", "2205.14135"),
    ("speculative 投机解码", "en", "2211.17192"),
    ('"注意力汇聚点"', "zh", "2309.17453"),  # a quoted Chinese phrase (StreamingLLM)
    ("位置插值", "zh", "2306.15595"),  # segmented 位置 插 值 in the index: found by the fallback
    ("低秩适配", "en", "2106.09685"),  # LoRA's Chinese title, from the English search page
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    out = tmp_path_factory.mktemp("search") / "public"
    build(REPO, out)
    with serve(out) as url:
        yield url, out


def _search_page(lang: str) -> str:
    return "search/" if lang == "zh" else "en/search/"


def _wait_for(page: Any, query: str) -> list[str]:
    """Wait until the results for *query* are drawn; the arXiv ids of the cards, in order."""
    page.wait_for_function(
        "q => { const app = document.getElementById('search-app');"
        " return app.dataset.state === 'done' && app.dataset.query === q; }",
        arg=query,
    )
    ids: list[str] = page.eval_on_selector_all(".search-hit", "cards => cards.map(c => c.dataset.arxivId)")
    return ids


_RAW = """async q => {
  const pf = await import(document.getElementById('search-app').dataset.pagefind);
  const found = await pf.search(q);
  const pages = await Promise.all(found.results.slice(0, 40).map(r => r.data()));
  return [...new Set(pages.map(p => p.meta.arxiv_id).filter(Boolean))];
}"""
"""Pagefind's own search, nothing added: the arXiv ids of its results, duplicates removed."""


def _type(page: Any, query: str) -> list[str]:
    box = page.locator("#search-q")
    box.fill(query)
    box.press("Enter")
    return _wait_for(page, query)


def test_queries_find_the_paper_in_the_top_three(browser: Any, site: tuple[str, Path]) -> None:
    url, _ = site
    page = browser.new_page()
    ranks: list[str] = []
    misses: list[str] = []
    current = ""
    for query, lang, expected in QUERIES:
        if current != lang:
            page.goto(url + _search_page(lang))
            page.wait_for_function("document.getElementById('search-app').dataset.ready === 'true'")
            current = lang
        ids = _type(page, query)
        rank = ids.index(expected) + 1 if expected in ids else 0
        raw = page.evaluate(_RAW, query)
        raw_rank = raw.index(expected) + 1 if expected in raw else 0
        ranks.append(
            f"{query}\t{lang}\t{expected}\trank {rank or '-'} of {len(ids)}"
            f"\tPagefind alone: {raw_rank or '-'} of {len(raw)}\ttop: {ids[:3]}"
        )
        if not 1 <= rank <= 3:
            misses.append(f"{query!r}: {expected} at rank {rank or 'none'}, top {ids[:3]}")
    page.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-ranks.txt").write_text("\n".join(ranks) + "\n", encoding="utf-8")
    assert len(QUERIES) >= 12
    assert misses == []


def test_header_box_goes_to_the_search_page_and_slash_focuses_it(
    browser: Any, site: tuple[str, Path]
) -> None:
    url, _ = site
    page = browser.new_page()
    page.goto(url + "digests/training/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("数据混合")
    page.keyboard.press("Enter")
    page.wait_for_url("**/notes/search/?q=*")
    assert _wait_for(page, "数据混合")[0] == "2305.10429"
    # Typing "/" inside a field types it.
    page.locator("#search-q").fill("")
    page.locator("#search-q").type("a/b")
    assert page.locator("#search-q").input_value() == "a/b"
    page.close()


def test_without_javascript_the_box_submits_to_the_search_page(browser: Any, site: tuple[str, Path]) -> None:
    url, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "en/")
    page.locator("#site-search-q").fill("LoRA")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/notes/en/search/?q=LoRA")
    assert page.locator("noscript").count() == 1
    context.close()


def test_filters_narrow_the_results(browser: Any, site: tuple[str, Path]) -> None:
    url, out = site
    papers = json.loads((out / "papers.json").read_text(encoding="utf-8"))
    topics = {p["arxiv_id"]: {t[0] for t in p["topics"]} for p in papers}
    page = browser.new_page()
    page.goto(url + "search/?q=" + quote("Tri Dao"))
    everything = _wait_for(page, "Tri Dao")
    assert len(everything) >= 3
    page.locator(".filter-topic label", has_text="推理加速").locator("input").check()
    page.wait_for_function("document.getElementById('search-app').dataset.state === 'done'")
    narrowed = _wait_for(page, "Tri Dao")
    assert 0 < len(narrowed) < len(everything)
    assert all("推理加速" in topics[i] for i in narrowed)
    assert "topic=" in page.url

    page.goto(url + "search/?code=yes")
    with_code = _wait_for(page, "")
    assert 0 < len(with_code) < len(papers)
    assert page.locator(".search-hit").count() == page.locator(".search-hit .has-code").count()

    page.goto(url + "search/?year=2023&source=papers.cool")
    found = _wait_for(page, "")
    assert found and all(i.startswith("23") for i in found)
    page.close()


def test_sorting_by_date(browser: Any, site: tuple[str, Path]) -> None:
    url, _ = site
    page = browser.new_page()
    page.goto(url + "search/?q=" + quote("注意力") + "&sort=newest")
    _wait_for(page, "注意力")
    dates = page.eval_on_selector_all(".search-hit time", "times => times.map(t => t.dateTime)")
    assert len(dates) >= 3 and dates == sorted(dates, reverse=True)
    page.close()


def test_one_index_serves_both_languages(browser: Any, site: tuple[str, Path]) -> None:
    """Pagefind's own API, no UI: English and Chinese words each hit zh and en pages."""
    url, out = site
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]
    for lang in ("zh", "en"):
        page = browser.new_page()
        page.goto(url + _search_page(lang))
        # Paper pages are indexed once (in the default language), digests in both languages:
        # an English word finds pages of both languages, and the Chinese words are found from
        # the English search page too, since it loads the same index.
        for query in ("attention", "注意力", "数据"):
            urls = page.evaluate(
                """async q => {
                   const pf = await import(document.getElementById('search-app').dataset.pagefind);
                   const found = await pf.search(q);
                   return Promise.all(found.results.map(r => r.data().then(d => d.url))); }""",
                query,
            )
            english = [u for u in urls if u.startswith("/notes/en/")]
            chinese = [u for u in urls if not u.startswith("/notes/en/")]
            assert chinese, (lang, query, urls)
            if query == "attention":
                assert english, (lang, query, urls)
        page.close()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", ["search/?q=%E6%B3%A8%E6%84%8F%E5%8A%9B", "en/search/?q=attention"])
def test_search_page_has_no_serious_accessibility_violations(
    browser: Any, site: tuple[str, Path], path: str, width: int
) -> None:
    url, _ = site
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url + path)
    page.wait_for_function("document.getElementById('search-app').dataset.state === 'done'")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-{'zh' if path.startswith('search') else 'en'}-{width}.png"))
    serious = serious_accessibility_violations(page)
    page.close()
    assert serious == []


AUTHORS_IN_CHINESE = """+++
title = '长上下文'
date = 2025-07-01T00:00:00+08:00
+++

2024-11-07 20:05:33 Thursday ｜ 注意力汇聚点

**[基于注意力汇聚点的高效流式语言模型](https://papers.cool/arxiv/2309.17453)** **[PDF(5)]**

作者：肖光烜、田渊栋、Beidi Chen、韩松、Mike Lewis

窗口注意力一旦丢掉开头几个 token 的 KV 就会失效；StreamingLLM 始终保留它们。

2025-01-14 22:05:19 Tuesday ｜ 旋转位置编码

**[RoFormer：带旋转位置编码的增强 Transformer](https://papers.cool/arxiv/2104.09864)** **[PDF(3)]**

作者：苏剑林、Yu Lu、Shengfeng Pan、Ahmed Murtadha、Bo Wen、Yunfeng Liu

用旋转矩阵编码绝对位置，使注意力分数只依赖相对位置。
"""


def test_authors_written_in_chinese(browser: Any, tmp_path: Path) -> None:
    """The example site has no names written in Chinese characters; a small site of its own does."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/notes/"\ntitle = "笔记"\ndefaultContentLanguage = "zh"\n'
        '[languages.zh]\nlanguageName = "中文"\nlocale = "zh-CN"\n',
        encoding="utf-8",
    )
    (site / "content" / "long.md").write_text(AUTHORS_IN_CHINESE, encoding="utf-8")
    build(site, tmp_path / "public")
    with serve(tmp_path / "public") as url:
        page = browser.new_page()
        page.goto(url + "search/")
        page.wait_for_function("document.getElementById('search-app').dataset.ready === 'true'")
        for query, expected in (("田渊栋", "2309.17453"), ("韩松", "2309.17453"), ("苏剑林", "2104.09864")):
            assert _type(page, query)[:1] == [expected], query
        page.close()
