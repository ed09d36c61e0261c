"""Goldmark behaviour that needs no Hugo binary to check: the typographer never reaches the digest's
data, the site's [markup] settings are read with Hugo's defaults, and ids follow the id type."""

from __future__ import annotations

from pathlib import Path

from notes_site.build.load import load_site
from notes_site.hugo.config import load_config
from notes_site.hugo.markup_config import MarkupConfig, markup_config
from notes_site.hugo.page import LoadOptions
from notes_site.markup.headings import sanitize_anchor
from notes_site.markup.markdown import create_markdown

DIGEST = """---
title: 训练
---
## 训练范式

2025-07-03 10:51:03 Thursday ｜ "RL" -- it's back...

**标题** ： Don't "stop" -- RL...
**链接** ：https://arxiv.org/abs/2506.19767
**作者** ： O'Brien, A. Smith
"""


def test_the_typographer_never_changes_the_digest_data(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "d.md").write_text(DIGEST, encoding="utf-8")
    (tmp_path / "hugo.toml").write_text('baseURL = "/"\n', encoding="utf-8")
    site = load_site(tmp_path, LoadOptions(), workers=1)
    paper = site.papers["2506.19767"]
    assert paper.title_zh == 'Don\'t "stop" -- RL...' or paper.title_en == 'Don\'t "stop" -- RL...'
    assert paper.authors == ("O'Brien", "A. Smith")
    entry = next(d for d in site.documents if d.source == "d.md").digest.entries[0]
    assert entry.headline == '"RL" -- it\'s back...'
    html = create_markdown(linkify=True).render('Don\'t "stop" -- RL...')
    assert html == "<p>Don&rsquo;t &ldquo;stop&rdquo; &ndash; RL&hellip;</p>\n"


def test_markup_config_reads_the_site_over_hugos_defaults(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "hugo.toml").write_text(
        'baseURL = "/"\nenableEmoji = true\n'
        "[markup.goldmark.parser]\nautoHeadingIDType = 'blackfriday'\n"
        "wrapStandAloneImageWithinParagraph = false\n"
        "[markup.goldmark.extensions]\nlinkify = false\n"
        "[markup.goldmark.extensions.typographer]\ndisable = true\n"
        "[markup.highlight]\ncodeFences = false\nlineNos = 'inline'\n",
        encoding="utf-8",
    )
    config, _ = load_config(tmp_path)
    markup = markup_config(config)
    assert markup.auto_heading_id_type == "blackfriday" and not markup.wrap_standalone_image
    assert not markup.linkify and markup.typographer == {} and markup.enable_emoji
    assert not markup.highlight.code_fences and markup.highlight.line_nos
    assert not markup.highlight.line_numbers_in_table
    assert MarkupConfig().typographer["leftdoublequote"] == "&ldquo;" and MarkupConfig().footnote


def test_settings_change_the_html() -> None:
    plain = MarkupConfig()
    md = create_markdown(plain, linkify=True)
    assert md.render("![a](/x.png)") == '<p><img src="/x.png" alt="a" loading="lazy"></p>\n'
    assert md.render("```go\nx\n```\n").startswith('<div class="highlight">')
    assert md.render("www.example.org") == '<p><a href="https://www.example.org">www.example.org</a></p>\n'
    custom = MarkupConfig(wrap_standalone_image=False, typographer={}, linkify=False, cjk_linkify=False)
    md = create_markdown(custom, linkify=True)
    assert md.render("![a](/x.png)") == '<img src="/x.png" alt="a" loading="lazy">'
    assert md.render('"a" -- b') == "<p>&quot;a&quot; -- b</p>\n"
    assert md.render("www.example.org") == "<p>www.example.org</p>\n"


def test_heading_id_types() -> None:
    text = "Ünïcode 中文_x & 1.2 -- x"
    assert sanitize_anchor(text) == "ünïcode-中文_x--12----x"
    assert sanitize_anchor(text, "github-ascii") == "unicode-_x--12----x"
    assert sanitize_anchor(text, "blackfriday") == "ünïcode-中文-x-1-2-x"
    md = create_markdown(MarkupConfig(auto_heading_id_type="blackfriday"))
    assert md.render("## A `b` *c `d`*\n\n## A `b` *c `d`*\n") == (
        '<h2 id="a-b-c">A <code>b</code> <em>c <code>d</code></em></h2>\n'
        '<h2 id="a-b-c-1">A <code>b</code> <em>c <code>d</code></em></h2>\n'
    )


def test_nesting_stays_valid_inside_paragraphs() -> None:
    md = create_markdown(linkify=True)
    html = md.render("Text {{< unknown >}}inner **x**{{< /unknown >}} and $$x^2$$ here.\n")
    paragraph = html[len("<p>") : html.rindex("</p>")]
    assert "<p>" not in paragraph and "<div" not in paragraph
    assert '<span class="math display">' in paragraph and "<strong>x</strong>" in paragraph


def test_passthrough_as_hugo_writes_it_or_as_mathml() -> None:
    hugo_like = MarkupConfig(
        passthrough_block=(("$$", "$$"),), passthrough_inline=((r"\(", r"\)"),), math=False
    )
    source = "Inline \\(a_1 * b_2*\\) here.\n\n$$\nx_1 <b>\n$$\n\nText $$y$$ inline.\n"
    assert create_markdown(hugo_like).render(source) == (
        "<p>Inline \\(a_1 * b_2*\\) here.</p>\n$$\nx_1 <b>\n$$\n<p>Text </p>\n$$y$$<p> inline.</p>\n"
    )
    ours = create_markdown(MarkupConfig(passthrough_inline=((r"\(", r"\)"),))).render("Inline \\(a_1\\).\n")
    assert '<span class="math inline"><math' in ours and "\\(" not in ours
