"""Which URLs may become links: every spelling of a script URL is caught, ordinary links pass."""

from __future__ import annotations

import pytest

from notes_site.base.urlsafety import BLOCKED_URL, is_dangerous_url, template_url, url_scheme

DANGEROUS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java script:alert(1)",
    "java\u200bscript:alert(1)",  # zero-width space
    "java\x00script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#X6a;&#x61;vascript:alert(1)",
    "java&#x09;script:alert(1)",
    "java&Tab;script:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&amp;#106;avascript:alert(1)",  # escaped twice
    "java%09script:alert(1)",
    "%6Aavascript:alert(1)",
    "%256Aavascript:alert(1)",  # percent-encoded twice
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
]

SAFE = [
    "https://arxiv.org/abs/2506.10910",
    "http://example.org/a?b=c#d",
    "mailto:me@example.org",
    "/papers/2506.10910/",
    "img/figure.png",
    "../other/",
    "#section",
    "?q=javascript:",
    "data:image/png;base64,iVBORw0KGgo=",
    "https://example.org/javascript:alert(1)",  # a path, not a scheme
    "",
]


@pytest.mark.parametrize("url", DANGEROUS)
def test_script_urls_in_any_spelling_are_dangerous(url: str) -> None:
    assert is_dangerous_url(url)
    assert template_url(url) == BLOCKED_URL


@pytest.mark.parametrize("url", SAFE)
def test_ordinary_urls_are_not(url: str) -> None:
    assert not is_dangerous_url(url)


def test_template_urls_follow_go_html_template() -> None:
    assert template_url("https://x.org/") == "https://x.org/"
    assert template_url("mailto:a@b.c") == "mailto:a@b.c"
    assert template_url("/img/a.png") == "/img/a.png"
    assert template_url("a/b:c") == "a/b:c"  # the colon comes after a slash: a path
    # html/template refuses every scheme but http, https and mailto, images included
    assert template_url("ftp://x.org/") == BLOCKED_URL
    assert template_url("data:image/png;base64,iVBORw0KGgo=") == BLOCKED_URL


def test_url_scheme() -> None:
    assert url_scheme("HTTPS://x.org") == "https"
    assert url_scheme("java&#x09;script:x") == "javascript"
    assert url_scheme("/a/b") is None
