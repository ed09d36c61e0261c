"""Golden tests: every ``tests/fixtures/digests/NAME.md`` against its hand-written ``NAME.expected.json``.

The expected files are a spec written from what each fixture says (see the README in that
folder); a key left out of an expected entry or paper is not compared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from notes_site.digest.standalone import read_digest_file
from notes_site.output.export import entry_data, paper_data

FIXTURES = Path(__file__).parent / "fixtures" / "digests"
CASES = sorted(p for p in FIXTURES.glob("*.md") if p.name != "README.md")


def _subset(actual: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The actual record restricted to the keys the expected record names."""
    return {key: actual.get(key) for key in expected}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture(path: Path) -> None:
    expected = json.loads(path.with_name(path.name.removesuffix(".md") + ".expected.json").read_text("utf-8"))
    read = read_digest_file(path)
    title, digest, papers = read.title, read.digest, read.papers
    entries = [entry_data(e) for e in digest.entries]
    for entry in entries:
        entry["links"] = [{"url": link["url"], "kind": link["kind"]} for link in entry["links"]]
    paper_records = [paper_data(p) for p in papers.values()]
    for paper in paper_records:
        paper["mentions"] = [{"section": m["section"], "line": m["line"]} for m in paper["mentions"]]

    if "title" in expected:
        assert title == expected["title"]
    assert [list(s.path) for s in digest.sections] == expected["sections"]
    assert len(entries) == len(expected["entries"]), [e["line"] for e in entries]
    for got, want in zip(entries, expected["entries"], strict=True):
        assert _subset(got, want) == want, f"entry at line {want.get('line')}"
    assert [p["key"] for p in paper_records] == [p.get("key", p.get("arxiv_id")) for p in expected["papers"]]
    for got, want in zip(paper_records, expected["papers"], strict=True):
        assert _subset(got, want) == want, f"paper {got['key']}"
    found = sorted({(d.line, d.level, d.code) for d in read.diagnostics})
    wanted = sorted({(d["line"], d["level"], d["code"]) for d in expected["diagnostics"]})
    assert found == wanted
