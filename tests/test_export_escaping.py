"""Hostile text in content comes out as text in BibTeX, CSV and XML: braces stay balanced, no cell
is a formula, no control character makes a feed invalid."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from notes_site.digest.model import Paper, PaperId
from notes_site.output.bibtex import paper_bibtex
from notes_site.output.export import csv_cell

from .test_cli import _site


def _paper(title: str, authors: tuple[str, ...] = ("Ada Lovelace",)) -> Paper:
    return Paper(
        key="2506.10910",
        ids=(PaperId("arxiv", "2506.10910"),),
        title_en=title,
        title_zh=None,
        authors=authors,
        authors_truncated=False,
        abstract_zh=None,
        abstract_en=None,
        comments=(),
        code=(),
        links=(),
        mentions=(),
    )


def _braces_balanced(entry: str) -> bool:
    depth = 0
    for char in entry:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize(
    "title",
    [
        "Closing } early",
        "Opening { only",
        "Back\\slash}",
        "} @misc{evil, title={x}",
        "Balanced {BERT}",
        "a~b^c",
    ],
)
def test_bibtex_fields_keep_their_braces_balanced(title: str) -> None:
    entry = paper_bibtex(_paper(title, ("Bob}", "{Eve")))
    assert _braces_balanced(entry), entry
    assert entry.count("@misc{") == 1
    title_line = next(line for line in entry.splitlines() if line.strip().startswith("title"))
    assert title_line.endswith("},")


def test_balanced_braces_are_escaped_as_before() -> None:
    assert "title = {Balanced \\{BERT\\}}" in paper_bibtex(_paper("Balanced {BERT}"))


@pytest.mark.parametrize("cell", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cells_that_look_like_formulas_are_quoted(cell: str) -> None:
    assert csv_cell(cell) == "'" + cell
    assert csv_cell("Attention is all you need") == "Attention is all you need"


def test_exported_csv_has_no_formula_cells(tmp_path: Path) -> None:
    from .test_cli import _invoke

    body = (
        '## T\n\n2025-06-13 18:50:11 Friday ｜ x\n\n**标题** ： =HYPERLINK("evil")\n'
        "**链接** ：https://arxiv.org/abs/2506.10910\n**作者** ：@evil, Bob Smith\n"
    )
    site = _site(tmp_path / "s", {"posts/x.md": '+++\ntitle = "X"\n+++\n' + body})
    result = _invoke("export", str(site), "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[1][1] == '\'=HYPERLINK("evil")' and rows[1][3] == "'@evil; Bob Smith"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), row


def test_control_characters_never_reach_feeds_or_pages(tmp_path: Path) -> None:
    from lxml import etree

    from notes_site.build.pipeline import build

    front = '{"title": "bell\\u0007 and \\ud800 surrogate", "tags": ["t\\u0001"]}'
    site = _site(tmp_path / "s", {"posts/x.md": front + "\nbody \x02 here\n"})
    build(site, tmp_path / "out", search=False)
    for file in (tmp_path / "out").rglob("*"):
        if file.suffix in (".xml", ".html"):
            text = file.read_text(encoding="utf-8")
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text), file
            if file.suffix == ".xml":
                etree.fromstring(text.encode("utf-8"))
    assert "bell and" in (tmp_path / "out" / "posts" / "x" / "index.html").read_text(encoding="utf-8")
