"""A repository the text says is someone else's is no paper's code (``digest/disowned.py``)."""

from __future__ import annotations

import pytest

from notes_site.base.text import bare_urls
from notes_site.digest.disowned import disowned_code
from notes_site.digest.lines import Line, LineUrl

A, B = "https://github.com/authors/model", "https://github.com/someone/model-port"


def _line(text: str) -> Line:
    urls = [LineUrl(url, "", False, False, start) for start, _end, url in bare_urls(text)]
    return Line(1, 0, text=text, urls=urls)


@pytest.mark.parametrize(
    "text",
    [
        f"Code: {A}. For reading, {B} is nicer, but that is a walkthrough, not the paper's.",
        f"官方代码 {A} ；{B} 是第三方复现，不是作者的。",
        f"{A} is the release; {B} reimplements it in JAX.",
        f"Official: {A} (and {B}, which is not OpenAI's)",
    ],
)
def test_the_disowned_one_of_two(text: str) -> None:
    assert disowned_code([_line(text)]) == {B}


@pytest.mark.parametrize(
    "text",
    [
        f"[Code]({A}) · + 14 community implementations",
        f"The official reimplementation in PyTorch: {A}",
        f"官方复现：{A}",
        f"Code at {A}, nothing else to add.",
    ],
)
def test_nothing_disowned(text: str) -> None:
    assert disowned_code([_line(text)]) == set()
