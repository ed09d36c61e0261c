"""Which pages are digests (notes_site/digest/kind.py), and what an ordinary page looks like built."""

from __future__ import annotations

from pathlib import Path

import pytest

from notes_site.build.load import load_site
from notes_site.build.pipeline import build
from notes_site.hugo.page import LoadOptions

BLOG_POST = """---
title: Moving house
---
# Moving house

We moved. Comments from the old blog:

2006-04-13 16:32:58 bob

Congratulations!

2006-04-14 09:01:12 alice

See https://arxiv.org/abs/1706.03762 for something else entirely.

## Conclusion

## Conclusion?
"""

DIGEST = """---
title: 训练
---
# 训练

## 训练范式

2025-07-03 10:51:03 Thursday ｜ 单阶段微调 https://mp.weixin.qq.com/s/abc

论文链接：https://arxiv.org/abs/2506.19767
"""


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    site = tmp_path / "site"
    (site / "hugo.toml").parent.mkdir(parents=True, exist_ok=True)
    (site / "hugo.toml").write_text('baseURL = "/"\n', encoding="utf-8")
    for name, text in files.items():
        path = site / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return site


def _entries(site: Path) -> dict[str, int]:
    loaded = load_site(site, LoadOptions(), workers=1)
    return {d.source: len(d.digest.entries) for d in loaded.documents if d.page.file is not None}


def test_a_blog_comment_line_does_not_make_a_digest(tmp_path: Path) -> None:
    site = _site(tmp_path, {"posts/moving.md": BLOG_POST, "digests/training.md": DIGEST})
    assert _entries(site) == {"posts/moving.md": 0, "digests/training.md": 1}


@pytest.mark.parametrize(
    ("date_line", "digest"),
    [
        ("2025-06-13 18:50:11 Friday ｜ headline", True),
        ("2025-06-13 18:50 周五 headline", True),
        ("1. 2025-06-13 18:50:11 | headline", True),
        ("2025-06-13 18:50:11 headline", False),
        ("2006-04-13 16:32:58 sunny", False),
    ],
)
def test_the_date_line_shape_decides(tmp_path: Path, date_line: str, digest: bool) -> None:
    site = _site(tmp_path, {"p.md": f"---\ntitle: P\n---\n{date_line}\n\ntext\n"})
    assert _entries(site) == {"p.md": int(digest)}


def test_a_pasted_paper_block_makes_a_digest_without_a_weekday(tmp_path: Path) -> None:
    block = "2025-06-13 18:50\n\n**标题** ： Magistral\n**链接** ：https://arxiv.org/abs/2506.10910\n"
    site = _site(tmp_path, {"p.md": f"---\ntitle: P\n---\n{block}"})
    assert _entries(site) == {"p.md": 1}


def test_front_matter_and_cascade_decide_first(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "no.md": DIGEST.replace("title: 训练", "title: 训练\ndigest: false"),
            "notes/_index.md": "---\ntitle: Notes\ncascade:\n  digest: true\n---\n",
            "notes/n.md": "---\ntitle: N\n---\n2025-06-13 18:50:11 a plain dated line\n",
        },
    )
    loaded = load_site(site, LoadOptions(), workers=1)
    by_source = {d.source: d for d in loaded.documents}
    assert by_source["no.md"].digest.entries == ()
    assert loaded.papers == {}
    assert [e.line for e in by_source["notes/n.md"].digest.entries] == [4]


def test_an_ordinary_page_renders_as_plain_markdown(tmp_path: Path) -> None:
    site = _site(tmp_path, {"posts/moving.md": BLOG_POST})
    out = tmp_path / "public"
    report = build(site, out, LoadOptions(), search=False)
    assert report.entries == 0 and report.papers == 0
    html = (out / "posts" / "moving" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="moving-house">Moving house</h1>' in html  # the first heading stays
    assert 'class="entry"' not in html and "2006-04-13 16:32:58 bob" in html
    assert not (out / "topics" / "conclusion").exists()
    assert not (out / "papers" / "1706.03762").exists()
    assert [d for d in report.diagnostics if d.level != "info"] == []


def test_a_regex_that_looks_like_a_url_does_not_stop_the_build(tmp_path: Path) -> None:
    site = _site(tmp_path, {"posts/regex.md": "---\ntitle: R\n---\nMatch http://[a-z0-9]+ with care.\n"})
    report = build(site, tmp_path / "public", LoadOptions(), search=False)
    assert report.errors == 0
