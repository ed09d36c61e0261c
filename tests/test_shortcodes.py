"""Hugo shortcodes: the tag lexer, each built-in, escapes, nesting, diagnostics, site templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from notes_site.base.errors import Diagnostic
from notes_site.markup.markdown import create_markdown
from notes_site.markup.shortcodes.render import PageInfo, ShortcodeRenderer, render_env, template_environment
from notes_site.markup.shortcodes.syntax import parse_escape, parse_tag
from notes_site.site.body import render_segments


def _resolve(path: str, *, source: str, absolute: bool) -> str | None:
    url = {"posts/training.md": "/posts/training/", "training": "/posts/training/"}.get(path)
    return f"https://notes.example.org{url}" if url and absolute else url


PAGE = PageInfo(
    source="posts/x.md",
    body_line=5,
    title="X",
    url="/posts/x/",
    lang="zh",
    params={"author": "Ada", "Model": {"Size": "7B"}},
)


def render(source: str, template_dirs: tuple[Path, ...] = ()) -> tuple[str, list[Diagnostic]]:
    shortcodes = ShortcodeRenderer(
        template_environment(template_dirs), resolve_ref=_resolve, site_params={"description": "ML notes"}
    )
    env = render_env(shortcodes, PAGE)
    html = create_markdown(linkify=True).render(source, env)
    return html, env["diagnostics"]


# --- the tag lexer ---------------------------------------------------------------------------


def test_parse_tag_arguments() -> None:
    src = '{{< figure "pos one" two key="a \\"quoted\\" value" raw=`no \\escapes "here"` n=3 f=0.5 b=true >}}'
    tag = parse_tag(src, 0)
    assert tag is not None
    assert (tag.name, tag.markdown, tag.closing, tag.self_closing) == ("figure", False, False, False)
    assert tag.args == ("pos one", "two")
    assert dict(tag.params) == {
        "key": 'a "quoted" value',
        "raw": 'no \\escapes "here"',
        "n": 3,
        "f": 0.5,
        "b": True,
    }
    assert tag.end == len(src)


def test_parse_tag_shapes() -> None:
    closing = parse_tag("{{< /details >}}", 0)
    assert closing is not None and closing.closing and closing.name == "details"
    self_closing = parse_tag('{{< x a="1" />}}', 0)
    assert self_closing is not None and self_closing.self_closing
    markdown = parse_tag("{{%note%}}", 0)
    assert markdown is not None and markdown.markdown and markdown.name == "note"
    sub = parse_tag("{{< media/audio path=/a/b.mp3 >}}", 0)
    assert sub is not None and sub.name == "media/audio" and dict(sub.params) == {"path": "/a/b.mp3"}
    multi = parse_tag('{{< figure\n  src="a.png"\n  alt="b"\n>}}', 0)
    assert multi is not None and dict(multi.params) == {"src": "a.png", "alt": "b"}
    bare_end = parse_tag("{{< x a>}}", 0)
    assert bare_end is not None and bare_end.args == ("a",)


@pytest.mark.parametrize(
    "src", ["{{< >}}", '{{< x "unterminated >}}', "{{< x", "{{ x }}", "{{< x a=>}}", "{{< /x y >}}"]
)
def test_parse_tag_rejects(src: str) -> None:
    assert parse_tag(src, 0) is None


def test_parse_escape() -> None:
    assert parse_escape('{{</* figure src="x" */>}} tail', 0) == ('{{< figure src="x" >}}', 26)
    assert parse_escape("{{%/* x */%}}", 0) == ("{{% x %}}", 13)
    assert parse_escape("{{< x >}}", 0) is None


# --- built-ins -------------------------------------------------------------------------------


def test_figure() -> None:
    html, diagnostics = render(
        '{{< figure src="/a.png" caption="A *cap*" title="T" link="/big.png" target="_blank" '
        'width=640 height="480" class="c" >}}'
    )
    assert html == (
        '<figure class="c">\n<a href="/big.png" target="_blank">\n'
        '<img src="/a.png" alt="A cap" width="640" height="480" loading="lazy">\n</a>\n'
        "<figcaption>\n<h4>T</h4>\n<p>A <em>cap</em></p>\n</figcaption>\n</figure>\n"
    )
    assert diagnostics == []


def test_figure_minimal_escapes_attributes() -> None:
    html, _ = render('{{< figure src="/a.png?x=1&y=2" alt="say \\"hi\\"" >}}')
    assert html == (
        '<figure>\n<img src="/a.png?x=1&amp;y=2" alt="say &#34;hi&#34;" loading="lazy">\n</figure>\n'
    )


def test_highlight() -> None:
    html, _ = render('{{< highlight python "hl_lines=1" >}}\nx = 1\n{{< /highlight >}}')
    assert html.startswith('<div class="highlight"><pre><span></span><code><span class="hll">')
    plain, _ = render("{{< highlight nosuchlang >}}\n<b>\n{{< /highlight >}}")
    assert plain == "<pre><code>&lt;b&gt;\n</code></pre>\n"


def test_ref_and_relref() -> None:
    html, diagnostics = render(
        '{{< ref "posts/training.md" >}} {{< relref "training#训练范式" >}} {{< relref "#top" >}}'
    )
    assert html == (
        "<p>https://notes.example.org/posts/training/ /posts/training/#训练范式 /posts/x/#top</p>\n"
    )
    assert diagnostics == []


def test_unresolved_ref_warns_and_renders_text() -> None:
    html, diagnostics = render('line one\n\nsee {{< relref "nowhere.md" >}}\n')
    assert html == "<p>line one</p>\n<p>see nowhere.md</p>\n"
    [warning] = diagnostics
    assert (warning.source, warning.line, warning.level, warning.code) == (
        "posts/x.md",
        7,
        "warning",
        "unresolved-ref",
    )


def test_ref_as_link_destination() -> None:
    html, _ = render('[训练]({{< relref "training" >}} "title") and [bad]({{< relref "nope" >}})')
    assert html == ('<p><a href="/posts/training/" title="title">训练</a> and <a href="nope">bad</a></p>\n')


def test_details() -> None:
    html, _ = render('{{< details summary="**S**" open=true class="c" name="g" >}}\nA *b*\n{{< /details >}}')
    assert html == (
        '<details class="c" name="g" open>\n<summary><strong>S</strong></summary>\n'
        "<p>A <em>b</em></p>\n</details>\n"
    )
    default, _ = render("{{< details >}}x{{< /details >}}")
    assert "<summary>详情</summary>" in default  # the page is Chinese
    assert " open" not in default


def test_param() -> None:
    html, diagnostics = render(
        '{{< param author >}} {{< param "model.size" >}} {{< param description >}} [{{< param nope >}}]'
    )
    assert html == "<p>Ada 7B ML notes []</p>\n"
    assert [d.code for d in diagnostics] == ["unknown-param"]


def test_youtube_is_a_plain_link() -> None:
    html, _ = render('{{< youtube dQw4w9WgXcQ >}}\n\n{{< youtube id="abc" title="Talk" start=30 >}}')
    assert html == (
        '<a class="youtube" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">YouTube 视频 dQw4w9WgXcQ</a>\n'
        '<a class="youtube" href="https://www.youtube.com/watch?v=abc&amp;t=30s">Talk</a>\n'
    )
    assert "iframe" not in html and "ytimg" not in html


# --- syntax around the calls -----------------------------------------------------------------


def test_escapes_render_literally() -> None:
    html, diagnostics = render('{{</* figure src="x" */>}}\n\nInline {{%/* details */%}} too.')
    assert html == "<p>{{&lt; figure src=&quot;x&quot; &gt;}}</p>\n<p>Inline {{% details %}} too.</p>\n"
    assert diagnostics == []


def test_code_is_left_alone() -> None:
    html, diagnostics = render("`{{< nope >}}`\n\n```\n{{< nope >}}\n```\n\n    {{< nope >}}\n")
    assert html.count("{{&lt; nope &gt;}}") == 3
    assert diagnostics == []


def test_nesting() -> None:
    source = (
        '{{< details summary="outer" >}}\n'
        '{{< details summary="inner" >}}\n'
        "deep {{< param author >}}\n"
        "{{< /details >}}\n"
        "{{< /details >}}\n"
        "\n"
        '{{% details summary="md" %}}\n'
        "- a\n"
        '- {{% details summary="x" %}}*y*{{% /details %}}\n'
        "{{% /details %}}\n"
    )
    html, diagnostics = render(source)
    assert html == (
        "<details>\n<summary>outer</summary>\n"
        "<details>\n<summary>inner</summary>\n<p>deep Ada</p>\n</details>\n"
        "</details>\n"
        "<details>\n<summary>md</summary>\n<ul>\n<li>a</li>\n"
        "<li>\n<details>\n<summary>x</summary>\n<em>y</em>\n</details>\n</li>\n</ul>\n</details>\n"
    )
    assert diagnostics == []


def test_inline_pairs() -> None:
    html, _ = render('a {{< details summary="s" >}}x{{< /details >}} b {{% details %}}*y*{{% /details %}} c')
    assert html == (
        "<p>a <details>\n<summary>s</summary>\n<p>x</p>\n</details> b "
        "<details>\n<summary>详情</summary>\n<em>y</em>\n</details> c</p>\n"
    )


def test_unknown_shortcode_warns_with_line_and_keeps_inner() -> None:
    html, diagnostics = render(
        "intro\n\n{{< callout kind=warn >}}\nBe **careful**.\n{{< /callout >}}\n\nx {{< nope >}}"
    )
    assert html == "<p>intro</p>\n<p>Be <strong>careful</strong>.</p>\n<p>x </p>\n"
    assert [(d.line, d.code, d.hint) for d in diagnostics] == [
        (7, "unknown-shortcode", "add a template templates/shortcodes/callout.html"),
        (11, "unknown-shortcode", "add a template templates/shortcodes/nope.html"),
    ]
    assert str(diagnostics[0]).startswith("posts/x.md:7: warning: unknown shortcode 'callout'")


def test_stray_closing_tag_warns() -> None:
    html, diagnostics = render("{{< /details >}}\n\ntext {{% /note %}}")
    assert html == "<p>text </p>\n"
    assert [(d.line, d.code) for d in diagnostics] == [
        (5, "stray-shortcode-close"),
        (7, "stray-shortcode-close"),
    ]


def test_site_templates_override_and_extend(tmp_path: Path) -> None:
    folder = tmp_path / "shortcodes"
    folder.mkdir()
    (folder / "figure.html").write_text('<img class="mine" src="{{ params.src }}">\n', encoding="utf-8")
    (folder / "note.html").write_text(
        '<aside class="note {{ args[0] }}" data-page="{{ page.title }}">{{ inner }}</aside>\n',
        encoding="utf-8",
    )
    html, diagnostics = render(
        '{{< figure src="a.png" >}}\n\n{{% note warn %}}\n**md** inner\n{{% /note %}}\n\n'
        "{{< note tip >}}<b>raw</b> {{< param author >}}{{< /note >}}",
        (tmp_path,),
    )
    assert html == (
        '<img class="mine" src="a.png">\n'
        '<aside class="note warn" data-page="X"><p><strong>md</strong> inner</p>\n</aside>\n'
        '<aside class="note tip" data-page="X"><b>raw</b> Ada</aside>\n'
    )
    assert diagnostics == []


def test_template_error_is_a_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "shortcodes").mkdir()
    (tmp_path / "shortcodes" / "bad.html").write_text("{{ params.missing }}", encoding="utf-8")
    html, diagnostics = render("{{< bad >}}", (tmp_path,))
    assert html == ""
    assert [d.code for d in diagnostics] == ["shortcode-error"]


def test_without_env_uses_builtin_templates() -> None:
    """No renderer in env: built-in templates, refs unresolved. A shortcode alone on its line
    is not wrapped in <p>, as in Hugo (checked with hugo 0.168: a bare relref line)."""
    env: dict[str, Any] = {}
    html = create_markdown().render('{{< figure src="a.png" >}}\n\n{{< relref "x" >}}', env)
    assert html == '<figure>\n<img src="a.png" alt="" loading="lazy">\n</figure>\nx\n'
    assert [d.code for d in env["diagnostics"]] == ["unresolved-ref"]


def test_body_segments_keep_pairs_whole() -> None:
    md = create_markdown()
    body = "intro\n\n{{% details %}}\n# inside\n{{% /details %}}\n\nafter\n"
    segments = render_segments(md, body, 1, ())
    html = "".join(str(s.html) for s in segments)
    assert '<details>\n<summary>Details</summary>\n<h1 id="inside">inside</h1>\n</details>\n' in html


def test_nested_diagnostics_reported_once_with_their_line() -> None:
    """A {{< >}} pair's inner text is rendered raw and again by markdownify: one warning."""
    html, diagnostics = render('{{< details\n  summary="s" >}}\n\n{{< nope >}}\n{{< /details >}}')
    assert "<details>" in html
    assert [(d.line, d.code) for d in diagnostics] == [(8, "unknown-shortcode")]


def test_footnotes_stay_at_the_end_of_the_page() -> None:
    html, _ = render("Text[^1].\n\n{{< details >}}\ninner\n{{< /details >}}\n\n[^1]: note\n")
    assert html.count('<div class="footnotes" role="doc-endnotes">') == 1
    assert html.index("</details>") < html.index('<div class="footnotes" role="doc-endnotes">')
