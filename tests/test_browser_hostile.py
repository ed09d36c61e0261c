"""A hostile site in Chromium: every payload in every field, and nothing runs.

The site puts a corpus of script-injection payloads into titles, tags, categories,
summaries, params, headings (so the table of contents and topic pages), link text and
URLs, image alt text and sources, shortcode arguments, math, entry headlines, paper titles,
authors, abstracts and comments, aliases and the site title. Every payload would set
``window.__pwned`` (or open a dialog) if it ran. Chromium opens every HTML page of the
built site and the search page's results for those papers; the flag stays unset, no dialog
opens, and the DOM holds no event-handler attribute, script URL, frame or script of
content's making.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from notes_site.build.pipeline import build

from .serving import BASE, serve

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload="window.__pwned=3">',
    "'><img src=x onerror=window.__pwned=4>",
    "</title><script>window.__pwned=5</script>",
    "</script><script>window.__pwned=6</script>",
    '<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>',
    "javascript:window.__pwned=8",
    "{{ 7*7 }}{% raw %}",
    '<a href="javascript:window.__pwned=9">x</a>',
    "<math><mtext><script>window.__pwned=10</script></mtext></math>",
    "&lt;script&gt;window.__pwned=11&lt;/script&gt;",
    '" onmouseover="window.__pwned=12" x="',
    "--><script>window.__pwned=13</script><!--",
    "]]><script>window.__pwned=14</script>",
    "<img src=x onerror=alert(15)>",
    "<details open ontoggle=alert(16)>",
    "\\u003cscript\\u003ewindow.__pwned=17\\u003c/script\\u003e",
]

SCRIPT_URLS = [
    "javascript:window.__pwned=20",
    "JaVaScRiPt:window.__pwned=21",
    "java&#x09;script:window.__pwned=22",
    "&#106;avascript:window.__pwned=23",
    "data:text/html,<script>parent.__pwned=24</script>",
    "vbscript:msgbox(25)",
]


def _front_matter(title: str, index: int) -> str:
    data = {
        "title": f"zzpayload {title}",
        "tags": [title, f"t{index}"],
        "categories": [title],
        "summary": title,
        "description": title,
        "toc": True,
        "aliases": [f"/old/{index}/"],
        "params": {"note": title},
    }
    return json.dumps(data, ensure_ascii=False) + "\n"


def _digest(payload: str, index: int) -> str:
    url = SCRIPT_URLS[index % len(SCRIPT_URLS)]
    arxiv = f"2506.{10000 + index}"
    attr = payload.replace('"', "&quot;")
    return f"""
## {payload} topic {index}

2025-06-13 18:50:{index % 60:02d} Friday ｜ zzpayload {payload} [{payload}]({url})

English title zzpayload {payload}
 **标题** ： zzpayload {payload}
 **链接** ：https://arxiv.org/abs/{arxiv}
 **作者** ： A{index} {payload}, B{index} Lovelace
 **备注** ： {payload}
 **摘要** ：zzpayload abstract {payload}
 **代码仓库** ：{url}

[{payload}]({url}) ![{payload}]({url}) <{url}> [ok](https://example.org/?q={quote(payload)})

{{{{< figure src="{url}" link="{url}" caption="{attr}" alt="{attr}" title="{attr}" >}}}}

{{{{< details summary="{attr}" >}}}}{payload}{{{{< /details >}}}}

{{{{< param note >}}}} {{{{< youtube id="{attr}" title="{attr}" >}}}}

$\\text{{{payload.replace("$", "")}}}$ and ${url.replace("$", "")}$

```html
{payload}
```

{payload}
"""


def hostile_site(root: Path) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "notes-site.toml").write_text(
        'title = "zz <script>window.__pwned=99</script>"\nbaseURL = "/notes/"\n'
        "[languages.zh]\n[languages.en]\n",
        encoding="utf-8",
    )
    for index, payload in enumerate(PAYLOADS):
        text = _front_matter(payload, index) + f"# {payload}\n" + _digest(payload, index)
        (root / "content" / "posts" / f"p{index}.md").write_text(text, encoding="utf-8")
    (root / "content" / "posts" / "some.en.md").write_text(
        _front_matter("some", 100) + "".join(_digest(p, 100 + i) for i, p in enumerate(PAYLOADS[:4])),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("hostile")
    out = root / "public"
    report = build(hostile_site(root / "site"), out)
    assert report.errors == 0, [str(d) for d in report.diagnostics if d.level == "error"]
    with serve(out) as url:
        yield url, out


INSPECT = """() => {
  const bad = [];
  const dataImage = /^data:image\\/(png|gif|jpeg|webp);/i;
  for (const el of document.querySelectorAll("*")) {
    if (["IFRAME", "OBJECT", "EMBED", "FRAME"].includes(el.tagName)) bad.push(el.tagName);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
      const url = attr.value.replace(/[\\s\\x00-\\x1f]/g, "");
      if (/^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(attr.name)
          && /^(javascript|vbscript|data):/i.test(url) && !dataImage.test(url)) {
        bad.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 40)}`);
      }
    }
  }
  for (const script of document.scripts) {
    const theme = script.src.includes("/static/") || script.type === "application/ld+json"
      || script.textContent.startsWith("try{var t=localStorage");
    if (!theme) bad.push("script: " + script.textContent.slice(0, 60));
  }
  return {pwned: window.__pwned === undefined ? null : window.__pwned, bad};
}"""


class Visitor:
    """One browser tab that opens pages and reports what ran on each."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page()
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def visit(self, url: str, wait: str | None = None) -> tuple[dict[str, Any], list[str]]:
        self.dialogs.clear()
        for attempt in range(5):  # an alias page's redirect may cut into the navigation
            try:
                self.page.goto(url, wait_until="commit")
                break
            except Exception:
                if attempt == 4:
                    raise
                self.page.wait_for_timeout(100)
        if wait:
            self.page.wait_for_function(wait, timeout=20_000)
        for _ in range(5):  # inspect where the page lands once it has loaded
            try:
                self.page.wait_for_load_state("load")
                return self.page.evaluate(INSPECT), list(self.dialogs)
            except Exception:
                self.page.wait_for_timeout(100)
        return {"pwned": None, "bad": [f"the page keeps navigating (now at {self.page.url})"]}, list(
            self.dialogs
        )

    def close(self) -> None:
        self.page.close()


def _visit(browser: Any, url: str, wait: str | None = None) -> tuple[dict[str, Any], list[str]]:
    visitor = Visitor(browser)
    try:
        return visitor.visit(url, wait)
    finally:
        visitor.close()


def test_the_payloads_reach_the_pages_as_text(hostile: tuple[str, Path]) -> None:
    _, out = hostile
    html = (out / "posts" / "p0" / "index.html").read_text(encoding="utf-8")
    assert "zzpayload &lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert (out / "papers" / "2506.10000" / "index.html").is_file()


def test_no_payload_runs_on_any_page(browser: Any, hostile: tuple[str, Path]) -> None:
    url, out = hostile
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert len(pages) > 80
    problems = {}
    visitor = Visitor(browser)
    try:
        for path in pages:
            found, dialogs = visitor.visit(url + path)
            if found["pwned"] is not None or found["bad"] or dialogs:
                problems[path] = (found, dialogs)
    finally:
        visitor.close()
    assert problems == {}


@pytest.mark.parametrize("lang", ["", "en/"])
def test_no_payload_runs_in_search_results(browser: Any, hostile: tuple[str, Path], lang: str) -> None:
    url, _ = hostile
    for query in ("zzpayload", "abstract", "Lovelace", "script"):
        found, dialogs = _visit(
            browser,
            f"{url}{lang}search/?q={quote(query)}",
            wait=f"document.querySelector('[data-state=done]')?.dataset.query === {json.dumps(query)}",
        )
        assert found == {"pwned": None, "bad": []} and dialogs == [], query


def test_the_search_page_shows_the_payload_papers(browser: Any, hostile: tuple[str, Path]) -> None:
    url, _ = hostile
    page = browser.new_page()
    try:
        page.goto(f"{url}search/?q=zzpayload")
        page.wait_for_function("document.querySelector('[data-state=done]')?.dataset.query === 'zzpayload'")
        cards = page.locator(".search-hit").all_inner_texts()
        assert len(cards) >= 5
        # &lt;script&gt; in Markdown is the text <script>: the card shows it, as text.
        assert any("<script>window.__pwned=11</script>" in card for card in cards), cards
    finally:
        page.close()


assert BASE == "/notes/"
