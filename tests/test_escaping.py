"""Hostile text in content comes out as text in HTML: links, images, math, shortcodes. The browser
tests (``test_browser_hostile.py``) check the same in Chromium; ``test_export_escaping.py`` the
other formats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notes_site.base.errors import Diagnostic
from notes_site.base.urlsafety import BLOCKED_URL
from notes_site.markup.markdown import create_markdown
from notes_site.markup.shortcodes.render import PageInfo, ShortcodeRenderer, render_env, template_environment
from notes_site.markup.shortcodes.urls import neutralize_urls


def render(source: str, template_dirs: tuple[Path, ...] = ()) -> tuple[str, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    env = render_env(ShortcodeRenderer(template_environment(template_dirs)), PageInfo("x.md", 1), diagnostics)
    return create_markdown(linkify=True).render(source, env), diagnostics


def hrefs(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', html)


SCRIPT_LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java&#x09;script:alert(1)",
    "java&Tab;script:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&#58;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,alert(1)",
    "<java script:alert(1)>",
]


@pytest.mark.parametrize("url", SCRIPT_LINKS)
def test_script_urls_are_not_links_or_images(url: str) -> None:
    html, _ = render(f"[link]({url}) ![image]({url})\n\n[ref][r]\n\n[r]: {url}\n")
    assert hrefs(html) == []
    assert "<a " not in html and "<img " not in html


def test_ordinary_links_stay_links() -> None:
    html, _ = render("[a](https://x.org/) ![b](img/b.png) [c](/papers/) <https://y.org/> https://z.org/\n")
    assert hrefs(html) == ["https://x.org/", "img/b.png", "/papers/", "https://y.org/", "https://z.org/"]


def test_a_script_inside_math_is_text() -> None:
    html, _ = render(
        "$\\text{<script>window.__x=1</script>}$ and $$\\text{</math><img src=x onerror=alert(1)>}$$\n"
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;window.__x=1&lt;/script&gt;" in html
    assert "&lt;/math&gt;&lt;img" in html


def test_math_links_must_be_safe() -> None:
    html, _ = render("$\\href{javascript:alert(1)}{x}$ $\\href{https://x.org/}{y}$\n")
    assert "javascript" not in html
    assert 'href="https://x.org/"' in html


def test_ordinary_math_is_unchanged() -> None:
    html, _ = render("$a < b$ $\\alpha \\le \\frac{1}{2}$\n")
    assert "<mo>&#x0003C;</mo>" in html and "<mfrac>" in html


def test_a_formula_past_the_limit_is_shown_as_source() -> None:
    html, diagnostics = render("$$\n" + "x+" * 15_000 + "1\n$$\n")
    assert '<code class="math-error">x+x+' in html
    assert [d.code for d in diagnostics] == ["math-error"]
    assert "longer than 20,000" in diagnostics[0].message


@pytest.mark.parametrize("attribute", ["link", "src"])
def test_figure_writes_zgotmplz_for_script_urls_as_hugo_does(attribute: str) -> None:
    html, _ = render(f'{{{{< figure src="a.png" {attribute}="javascript:alert(1)" >}}}}\n')
    assert BLOCKED_URL in hrefs(html)
    assert "javascript" not in html


def test_a_site_shortcode_cannot_write_a_script_url(tmp_path: Path) -> None:
    (tmp_path / "shortcodes").mkdir()
    (tmp_path / "shortcodes" / "button.html").write_text(
        '<a class="b" href="{{ params.url }}" title="{{ params.url }}">go</a><img src="{{ params.img }}">'
    )
    html, _ = render(
        '{{< button url="JavaScript:alert(1)" img="data:text/html,x" >}} '
        '{{< button url="https://x.org/" img="i.png" >}}\n',
        (tmp_path,),
    )
    assert hrefs(html) == [BLOCKED_URL, BLOCKED_URL, "https://x.org/", "i.png"]
    assert 'title="JavaScript:alert(1)"' in html  # text, not a URL: escaped, kept


def test_neutralize_urls_leaves_safe_tags_as_written() -> None:
    safe = "<p><a  href='/x'  class=k>a</a><img src=\"b.png\"/></p>"
    assert neutralize_urls(safe) == safe
    assert neutralize_urls('<a href="jav&#x61;script:x" id=1>') == f'<a href="{BLOCKED_URL}" id="1">'
