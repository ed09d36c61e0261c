"""Property-based tests: random front matter and random Markdown, fed to the loader, the digest
parser and the renderer, always give a model or diagnostics, never an unhandled exception.

The budget is bounded (:data:`BUDGET`: 200 examples a test, a few seconds in all). Cases
hypothesis found once are kept as ``@example``s.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notes_site.base.errors import ContentError
from notes_site.build.load import load_site
from notes_site.digest.parser import parse_digest
from notes_site.hugo.frontmatter import split_front_matter
from notes_site.markup.markdown import create_markdown
from notes_site.markup.shortcodes.pairs import PairIndex
from notes_site.markup.shortcodes.render import PageInfo, ShortcodeRenderer, render_env, template_environment
from notes_site.markup.shortcodes.syntax import find_closing, iter_tags

BUDGET = settings(
    max_examples=int(os.environ.get("NOTES_SITE_HYPOTHESIS_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
"""200 examples a test in CI (a few seconds); ``NOTES_SITE_HYPOTHESIS_EXAMPLES=5000`` for a long hunt."""

HUGO_KEYS = [
    "title", "date", "publishDate", "lastmod", "expiryDate", "draft", "url", "slug", "aliases", "tags",
    "categories", "weight", "toc", "summary", "translationKey", "headless", "build", "cascade", "params",
    "isCJKLanguage", "linkTitle", "description", "_build", "Title", "DATE",
]  # fmt: skip

WEIRD_TEXT = st.sampled_from(
    [
        "", " ", "..", "../../etc", "%2e%2e", "/", "//x", "a/b", "<script>alert(1)</script>", "javascript:x",
        "\x00", "\x01\x02", "\ud800", "长" * 100, "x" * 300, "2025-02-30", "2025-06-13T18:50:11", "true",
        "yes", "0", "-1", "1e999", "{{< x >}}", "$x$", "#", "?", "\\", "\u202e", "\ufeff",
    ]
)  # fmt: skip

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    WEIRD_TEXT,
    st.dates(),
    st.datetimes(),
)

VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(HUGO_KEYS), st.text(max_size=8)), children, max_size=4),
    ),
    max_leaves=12,
)

FRONT_MATTER = st.dictionaries(st.sampled_from(HUGO_KEYS), VALUES, max_size=8)


def _plain(value: Any) -> Any:
    """*value* as JSON can hold it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return "nan"
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value) if value == value and abs(value) != float("inf") else '"x"'
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps("" if value is None else str(value))


def serialize(data: dict[str, Any], fmt: str) -> str:
    """*data* as a front matter block (as people write it, more or less)."""
    if fmt == "yaml":
        try:
            text = yaml.safe_dump(data, allow_unicode=True)
        except yaml.YAMLError:
            text = "title: x\n"
        return f"---\n{text}---\n"
    if fmt == "toml":
        return "+++\n" + "".join(f"{json.dumps(k)} = {_toml_value(v)}\n" for k, v in data.items()) + "+++\n"
    return json.dumps(_plain(data), ensure_ascii=False) + "\n"


MARKDOWN_PIECES = st.sampled_from(
    [
        "# T", "## 训练范式", "### {#id .c} x", "- a", "  - b", "1. x", "> q", ">>> deep", "```python", "```",
        "    code", "| a | b |", "|---|---|", "| 1 | 2 |", "$$", "$x$", "$\\text{<b>}$", "\\[", "*a", "**b**",
        "_c_", "~~d~~", "[l](/x/)", "![i](img.png)", "[r][ref]", "[ref]: /y", "<https://x.org>",
        "https://y.org/z", "<div>", "</div>", "<!-- c -->", "[^1]", "[^1]: note", "- [ ] task", "---", "***",
        "{{< figure src=a >}}", "{{< details >}}", "{{< /details >}}", "{{% details %}}", "{{% /details %}}",
        '{{< x a="b" >}}', "{{</* escaped */>}}", "{{< /stray >}}", '{{< ref "nope" >}}',
        "{{< highlight go >}}", "{{< /highlight >}}", "2025-06-13 18:50:11 Friday ｜ headline",
        "**标题** ： 某个标题", "**链接** ：https://arxiv.org/abs/2506.10910", "**作者** ： A B, C D",
        "论文链接：https://arxiv.org/pdf/2505.18116.pdf", "<!--more-->", "", " ", "\t",
    ]
)  # fmt: skip

MARKDOWN = st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=20)), max_size=25).map("\n".join)


def _site_with(folder: Path, files: dict[str, str]) -> Path:
    (folder / "notes-site.toml").write_text('title = "T"\n[languages.zh]\n[languages.en]\n', encoding="utf-8")
    for name, text in files.items():
        path = folder / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return folder


@BUDGET
@given(data=FRONT_MATTER, fmt=st.sampled_from(["yaml", "toml", "json"]), body=MARKDOWN)
def test_random_front_matter_and_markdown_load(data: dict[str, Any], fmt: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "posts/x.md": serialize(data, fmt) + body,
            "posts/_index.md": serialize(data, fmt),
            "y.en.md": body,
        }
        site = load_site(_site_with(Path(tmp), files), workers=1)
    for diagnostic in site.diagnostics:
        assert diagnostic.code and diagnostic.line >= 0
    assert all(document.page.url.startswith("/") for document in site.documents)


@BUDGET
@given(st.text(max_size=200))
@example("---\n&a [*a]\n---\n")
@example('{"a": ' + "[" * 5000 + "]" * 5000 + "}\n")
@example("+++\n" + "a." * 3000 + "b = 1\n+++\n")
def test_random_text_as_a_file_splits_or_is_a_content_error(text: str) -> None:
    try:
        split_front_matter(text, "x.md")
    except ContentError as error:
        assert error.diagnostic.code


@BUDGET
@given(MARKDOWN)
def test_random_markdown_parses_to_a_digest(body: str) -> None:
    body = body.replace("\r\n", "\n").replace("\r", "\n")  # markdown-it counts a lone \r as a line
    digest = parse_digest(create_markdown(), "x.md", "T", body, 1)
    lines = body.count("\n") + 1
    for entry in digest.entries:
        assert 1 <= entry.line <= entry.end_line <= lines


@BUDGET
@given(MARKDOWN)
def test_random_markdown_renders(body: str) -> None:
    diagnostics: list[Any] = []
    env = render_env(ShortcodeRenderer(template_environment()), PageInfo("x.md", 1, url="/x/"), diagnostics)
    html = create_markdown(linkify=True).render(body, env)
    assert "<script" not in html.lower()
    for diagnostic in diagnostics:
        assert diagnostic.code and diagnostic.level == "warning"


TAG_TEXT = st.lists(
    st.sampled_from(
        [
            "{{< a >}}",
            "{{< /a >}}",
            "{{< b >}}",
            "{{< /b >}}",
            "{{< a />}}",
            "{{</* a */>}}",
            "x",
            " ",
            '"',
            "{{<",
        ]
    ),
    max_size=30,
).map("".join)


@BUDGET
@given(TAG_TEXT)
def test_the_pair_index_finds_what_find_closing_finds(text: str) -> None:
    pairs = PairIndex()
    for tag in iter_tags(text, 0, len(text)):
        if not tag.closing and not tag.self_closing:
            for limit in (len(text), max(tag.end, len(text) - 3)):
                assert pairs.closing(text, tag.end, limit, tag.name) == find_closing(
                    text, tag.end, limit, tag.name
                )
