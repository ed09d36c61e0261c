"""Hugo's URL rules; expected values are what hugo v0.168 produced for the same input."""

from __future__ import annotations

from datetime import datetime

import pytest

from notes_site.hugo.urls import (
    PermalinkContext,
    encode_href,
    expand_permalink,
    front_matter_url,
    language_prefix,
    logical_path,
    make_path_sanitized,
    page_path_url,
    section_url,
    slug_url,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("training", "/posts/training/"),
        ("Hello World", "/posts/hello-world/"),
        ("UPPER Case", "/posts/upper-case/"),
        ("中文 标题", "/posts/中文-标题/"),
        ("Café Déjà", "/posts/café-déjà/"),
        ("a..b", "/posts/a..b/"),
        ("what's new? (v2)&co+x=y,z;w@h#1%", "/posts/whats-new-v2co+xyzw@h#1/"),
        ("t.fr", "/posts/t.fr/"),
    ],
)
def test_page_urls_from_file_names(name: str, expected: str) -> None:
    assert page_path_url("posts", name) == expected


def test_sanitize_rules() -> None:
    assert make_path_sanitized("  a   b  ") == "a-b"
    assert make_path_sanitized("a - b") == "a-b"
    assert make_path_sanitized("100%25 done%") == "100%25-done"
    assert make_path_sanitized("My Slug! Ünï") == "my-slug-ünï"


def test_nested_and_root_pages() -> None:
    assert page_path_url("nosec/Deep Er", "p") == "/nosec/deep-er/p/"
    assert page_path_url("", "top") == "/top/"
    assert page_path_url("posts", "x", "/en") == "/en/posts/x/"
    assert page_path_url("posts", "x", ugly=True) == "/posts/x.html"


def test_section_urls() -> None:
    assert section_url("") == "/"
    assert section_url("", "/en") == "/en/"
    assert section_url("My Sec/Sub Dir") == "/my-sec/sub-dir/"
    assert section_url("笔记") == "/笔记/"


def test_slug_replaces_last_segment() -> None:
    assert slug_url("posts", "My Slug! Ünï") == "/posts/my-slug-ünï/"
    assert slug_url("posts", "/Slash/Slug/", "/en") == "/en/posts/slash/slug/"
    assert slug_url("posts", "a.b c") == "/posts/a.b-c/"


@pytest.mark.parametrize(
    ("url", "prefix", "expected"),
    [
        ("/Custom/Path With Space", "", "/Custom/Path With Space/"),
        ("rel/path.html", "", "/rel/path.html"),
        ("/abs/u3.html", "", "/abs/u3.html"),
        ("/Trail/", "", "/Trail/"),
        ("rel/u1", "/en", "/en/rel/u1/"),
        ("/abs/u2/", "/en", "/abs/u2/"),
        ("Foo/Bar", "/zh", "/zh/Foo/Bar/"),
    ],
)
def test_front_matter_url(url: str, prefix: str, expected: str) -> None:
    assert front_matter_url(url, prefix) == expected


def test_language_prefix() -> None:
    assert language_prefix("zh", "zh", False) == ""
    assert language_prefix("en", "zh", False) == "/en"
    assert language_prefix("zh", "zh", True) == "/zh"


def test_encode_href_like_hugo() -> None:
    assert encode_href("/posts/中文-标题/") == "/posts/%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98/"
    assert encode_href("/Custom/Path With Space/") == "/Custom/Path%20With%20Space/"
    assert encode_href("/posts/whats-new-v2co+xyzw@h#1/") == "/posts/whats-new-v2co+xyzw@h%231/"
    assert encode_href("/posts/café-déjà/") == "/posts/caf%C3%A9-d%C3%A9j%C3%A0/"


def _ctx(date: datetime | None, title: str, slug: str | None = None) -> PermalinkContext:
    return PermalinkContext(date, "posts", ("posts",), title, slug, "p2")


def test_permalink_date_tokens() -> None:
    pattern = "/:year/:month/:day/:monthname/:weekday/:yearday/:section/:slug/"
    assert expand_permalink(pattern, _ctx(datetime(2024, 12, 31), "P2")) == (
        "/2024/12/31/december/2/366/posts/p2/"
    )
    assert expand_permalink(pattern, _ctx(datetime(2024, 3, 5, 10), "x", "Sluggy One"), "/zh") == (
        "/zh/2024/03/05/march/2/65/posts/sluggy-one/"
    )
    # No date: Go's zero time (year 1, a Monday).
    assert expand_permalink(pattern, _ctx(None, "P3 no date")) == "/1/01/01/january/1/1/posts/p3-no-date/"


def test_permalink_sections_slices_and_names() -> None:
    ctx = PermalinkContext(None, "docs", ("docs", "sub"), "Plain Doc", None, "plain")
    pattern = "/d/:sections/:sections[1:]/:sections[last]/:title/:filename/:slugorfilename/:contentbasename/"
    assert expand_permalink(pattern, ctx) == "/d/docs/sub/sub/sub/plain-doc/plain/plain/plain/"
    # An empty value leaves no empty segment (hugo: "/ds/:sections/:title/" → /ds/docs/).
    empty = PermalinkContext(None, "docs", ("docs",), "", None, "docs")
    assert expand_permalink("/ds/:sections/:title/", empty) == "/ds/docs/"


def test_logical_path() -> None:
    assert logical_path("") == "/"
    assert logical_path("posts/Hello World") == "/posts/hello-world"
    assert logical_path("posts/what's new? (v2)") == "/posts/what's-new?-(v2)"
