"""Golden tests for markdown rendering: ``tests/fixtures/markdown/<case>.md`` → ``<case>.html``.

Cases ending in ``_unsafe`` render with raw HTML allowed. Set ``NOTES_SITE_UPDATE_GOLDEN=1``
to rewrite the expected files after a deliberate change (then review the diff).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from notes_site.base.errors import Diagnostic
from notes_site.markup.highlight import HighlightOptions, highlight_code, parse_options, pygments_css
from notes_site.markup.markdown import create_markdown
from notes_site.markup.renderer import RAW_HTML_OMITTED
from notes_site.markup.shortcodes.render import PageInfo, ShortcodeRenderer, render_env, template_environment

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
CASES = sorted(p.stem for p in FIXTURES.glob("*.md"))
ROOT = Path(__file__).resolve().parent.parent


def _resolve(path: str, *, source: str, absolute: bool) -> str | None:
    urls = {"posts/training.md": "/posts/training/", "training": "/posts/training/"}
    url = urls.get(path)
    return f"https://notes.example.org{url}" if url and absolute else url


def golden_env() -> dict[str, Any]:
    """The env every golden case renders with: one page, one resolvable ref, one site param."""
    shortcodes = ShortcodeRenderer(
        template_environment(), resolve_ref=_resolve, site_params={"description": "ML notes"}
    )
    page = PageInfo(
        source="posts/x.md", body_line=1, title="X", url="/posts/x/", lang="en", params={"author": "Ada"}
    )
    return render_env(shortcodes, page)


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    md = create_markdown(allow_html=case.endswith("_unsafe"), linkify=True)
    env = golden_env()
    html = md.render((FIXTURES / f"{case}.md").read_text(encoding="utf-8"), env)
    expected = FIXTURES / f"{case}.html"
    if os.environ.get("NOTES_SITE_UPDATE_GOLDEN"):
        expected.write_text(html, encoding="utf-8")
    assert html == expected.read_text(encoding="utf-8")


def test_golden_cases_warn_only_where_meant() -> None:
    """Only the math case has a deliberate error; the shortcode case resolves everything."""
    md = create_markdown(linkify=True)
    for case in CASES:
        env = golden_env()
        md.render((FIXTURES / f"{case}.md").read_text(encoding="utf-8"), env)
        diagnostics: list[Diagnostic] = env["diagnostics"]
        expected = [("posts/x.md", 11, "math-error")] if case == "math" else []
        assert [(d.source, d.line, d.code) for d in diagnostics] == expected, case


def test_create_markdown_defaults_still_work() -> None:
    """The digest parser's call: no env at all, nothing raises, ids as before."""
    md = create_markdown()
    html = md.render("# 训练范式\n\n## 训练范式\n\n### 1. 什么是 RLHF？（概述）\n")
    assert 'id="训练范式"' in html
    assert 'id="训练范式-1"' in html
    assert 'id="1-什么是-rlhf概述"' in html


def test_raw_html_omitted_or_passed() -> None:
    source = "<div>x</div>\n\na <b>b</b>\n"
    assert create_markdown().render(source) == (
        f"{RAW_HTML_OMITTED}\n<p>a {RAW_HTML_OMITTED}b{RAW_HTML_OMITTED}</p>\n"
    )
    assert create_markdown(allow_html=True).render(source) == "<div>x</div>\n<p>a <b>b</b></p>\n"


@pytest.mark.parametrize(
    "text",
    ["It costs $5 and $10.", "A 25\\% rise", "from $3.50 to $4", "$ not math $"],
)
def test_dollars_that_are_not_math(text: str) -> None:
    assert "<math" not in create_markdown().render(text)


def test_math_error_is_reported_with_its_line() -> None:
    env: dict[str, Any] = {"page": PageInfo(source="a.md", body_line=10)}
    html = create_markdown().render("ok\n\nline two $\\frac{1}{$\n", env)
    assert '<code class="math-error">\\frac{1}{</code>' in html
    [diagnostic] = env["diagnostics"]
    assert (diagnostic.source, diagnostic.line, diagnostic.code) == ("a.md", 12, "math-error")


def test_image_is_lazy_and_keeps_alt() -> None:
    html = create_markdown().render("![图 1 **x**](https://e.org/a.png)")
    assert html == '<p><img src="https://e.org/a.png" alt="图 1 x" loading="lazy"></p>\n'


def test_highlight_unknown_language_is_none() -> None:
    assert highlight_code("x", "no-such-lang") is None
    assert highlight_code("x", "") is None
    assert 'class="highlight"' in str(highlight_code("x = 1\n", "python"))
    assert "style=" not in str(highlight_code("x = 1\n", "python"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("linenos=table,hl_lines=8 15-17,linenostart=199", HighlightOptions("table", (8, 15, 16, 17), 199)),
        ('{linenos=true, hl_lines=[2,"4-5"]}', HighlightOptions("table", (2, 4, 5), 1)),
        ("{linenos=inline}", HighlightOptions("inline", (), 1)),
        ("linenos=false", HighlightOptions(None, (), 1)),
        ("", HighlightOptions()),
    ],
)
def test_parse_options(text: str, expected: HighlightOptions) -> None:
    assert parse_options(text) == expected


def test_pygments_css_is_current() -> None:
    """templates/static/pygments.css is what ``python -m notes_site.markup.highlight`` writes."""
    assert (ROOT / "templates" / "static" / "pygments.css").read_text(encoding="utf-8") == pygments_css()


def test_pygments_css_scopes() -> None:
    css = pygments_css()
    assert "@media (prefers-color-scheme: dark) {" in css
    assert ':root:not([data-theme="light"]) .highlight .k ' in css
    assert ':root[data-theme="dark"] .highlight .k ' in css
    # Nothing unscoped: every rule applies inside .highlight only.
    rules = [line for line in css.splitlines() if "{" in line and not line.startswith("@media")]
    assert all(".highlight" in rule for rule in rules)
