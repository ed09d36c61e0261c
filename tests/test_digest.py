"""Digest parsing cases that the fixture files do not show well: raw HTML, shortcodes, list numbers."""

from __future__ import annotations

from notes_site.digest.parser import parse_digest
from notes_site.markup.markdown import create_markdown
from notes_site.site.body import render_segments

HTML_AND_SHORTCODES = """## 图片

2025-05-02 09:30:00 Friday ｜ 原样粘贴的 HTML 和短代码

a <img src="https://x.feishu.cn/space/api/box/stream/download/asynccode/?code=1"> b

<div><a href="https://arxiv.org/abs/2401.10774">Medusa</a></div>

{{< figure src="https://y.feishu.cn/space/api/box/stream/download/asynccode/?code=2" >}}

text {{< figure src="https://example.org/b.png" >}}
"""


def test_urls_inside_raw_html_and_shortcodes_are_seen() -> None:
    """Raw HTML is omitted from the page and shortcodes are rendered, but their URLs still count."""
    digest = parse_digest(create_markdown(), "x.md", "t", HTML_AND_SHORTCODES, 1)
    (entry,) = digest.entries
    assert [(link.kind, link.line) for link in entry.links] == [
        ("image", 5),
        ("arxiv", 7),
        ("image", 9),
        ("image", 11),
    ]
    assert entry.arxiv_ids == ("2401.10774",)
    assert [(d.line, d.code) for d in digest.diagnostics] == [(5, "expiring-image"), (9, "expiring-image")]


def test_list_numbers_restart_and_repeat() -> None:
    text = (
        "1. 2025-01-01 10:00:00 Wednesday ｜ a\n"
        "2. 2025-01-02 10:00:00 Thursday ｜ b\n\n"
        "para\n\n"
        "2. 2025-01-03 10:00 Friday\n"
    )
    digest = parse_digest(create_markdown(), "x.md", "t", text, 10)
    assert [(e.number, e.line, e.timestamp) for e in digest.entries] == [
        (1, 10, "2025-01-01T10:00:00"),
        (2, 11, "2025-01-02T10:00:00"),
        (2, 15, "2025-01-03T10:00"),
    ]
    assert digest.entries[0].end_line == 10


NOTEBOOK = """## 优化器

2026-01-05 21:12:40 Monday | Day 12: Lion

### Day 12

- read: Symbolic Discovery of Optimization Algorithms (arXiv 2302.06675)
  - code: https://github.com/google/automl/tree/master/lion

2026-01-06 22:05 Tuesday | Day 13

先记一句：今天只读了一篇。

### 二阶方法

2026-01-07 Wednesday | Day 14

- read: Sophia (arXiv 2305.14342)
"""


def test_a_heading_right_under_a_date_line_is_the_entry_s_own() -> None:
    """A notebook's ``### Day 12`` under its date line heads that entry; a heading after an entry's
    own lines still opens a topic."""
    digest = parse_digest(create_markdown(), "x.md", "t", NOTEBOOK, 1)
    assert [(e.line, e.section, e.arxiv_ids) for e in digest.entries] == [
        (3, ("优化器",), ("2302.06675",)),
        (10, ("优化器",), ()),
        (16, ("优化器", "二阶方法"), ("2305.14342",)),
    ]
    assert digest.entries[0].end_line == 8
    assert [section.path for section in digest.sections] == [("优化器",), ("优化器", "二阶方法")]
    (mention,) = digest.entries[0].mentions
    assert [link.url for link in mention.links if link.kind == "code"] == [
        "https://github.com/google/automl/tree/master/lion"
    ]


def test_the_entry_s_own_heading_is_inside_its_card() -> None:
    """The body keeps an entry's own heading inside that entry's segment (one card, not a card, a
    heading and the same card again); a topic heading stays a heading between entries."""
    md = create_markdown()
    digest = parse_digest(md, "x.md", "t", NOTEBOOK, 1)
    segments = render_segments(md, NOTEBOOK, 1, digest.entries)
    assert [(s.kind, s.entry_line) for s in segments] == [
        ("heading", None),
        ("entry", 3),
        ("entry", 10),
        ("heading", None),
        ("entry", 16),
    ]
    assert '<h3 id="day-12">Day 12</h3>' in str(segments[1].html)
    assert "二阶方法" in str(segments[3].html)
