"""Bounded work on any input: each hostile file is refused or handled in little time and memory.

Every case is generated here (nothing heavy is committed). Time is wall time on a shared CI
machine, so the bounds are loose; the inputs are sized so that the super-linear code they
replaced would blow through them many times over (each case notes what it cost before).
Memory is the peak of Python's allocations (tracemalloc) while the case runs.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from notes_site.base.errors import ContentError
from notes_site.build.load import load_site
from notes_site.build.pipeline import BuildReport, build
from notes_site.hugo.frontmatter import split_front_matter
from notes_site.site.context import RenderContext
from notes_site.site.pages.topics import topic_tasks
from notes_site.site.render import render_page

from .test_cli import _site


@dataclass
class Cost:
    """What a case took."""

    seconds: float = 0.0
    """Wall time."""
    peak_mib: float = 0.0
    """Peak of Python allocations, MiB."""


@contextmanager
def measured(memory: bool = True) -> Iterator[Cost]:
    """Time (and, with *memory*, trace allocations of) the block."""
    cost = Cost()
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        yield cost
    finally:
        cost.seconds = time.perf_counter() - started
        if memory:
            cost.peak_mib = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()


def front_matter_error(text: str) -> tuple[ContentError, Cost]:
    with measured() as cost, pytest.raises(ContentError) as caught:
        split_front_matter(text, "x.md")
    return caught.value, cost


# --- front matter ---------------------------------------------------------------------------------


def _alias_bomb(levels: int) -> str:
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"
    for index in range(1, levels):
        lines.append(f"{names[index]}: &{names[index]} [" + ", ".join([f"*{names[index - 1]}"] * 9) + "]")
    return "\n".join([*lines, "title: x", "---", "body", ""])


def test_a_yaml_alias_bomb_is_refused_at_its_line() -> None:
    # Nine levels of nine: 387 million strings once expanded. Before: 215 s and 10 GB.
    error, cost = front_matter_error(_alias_bomb(9))
    diagnostic = error.diagnostic
    assert diagnostic.code == "bad-front-matter"
    assert "billion laughs" in diagnostic.message and "may add at most 10,000" in diagnostic.message
    assert diagnostic.line == 9  # the anchor whose repetition costs most (h)
    assert cost.seconds < 1 and cost.peak_mib < 5


def test_a_yaml_alias_inside_its_own_anchor_is_refused() -> None:
    error, _ = front_matter_error("---\ntitle: x\nloop: &a [1, *a]\n---\n")
    assert error.diagnostic.line == 3 and "contains it" in error.diagnostic.message


def test_ordinary_yaml_anchors_and_merge_keys_still_work() -> None:
    text = (
        "---\ndefaults: &d {draft: false, weight: 3}\npage:\n  <<: *d\n  title: x\n"
        "tags: &t [a, b]\ncopy: *t\n---\n"
    )
    data = split_front_matter(text, "x.md").data
    assert data["page"] == {"draft": False, "weight": 3, "title": "x"}
    assert data["copy"] == ["a", "b"]


DEEP = 100_000

NESTED = {
    "json arrays": '{"title": "x", "a": ' + "[" * DEEP + "]" * DEEP + "}\n",
    "json objects": '{"title": "x", "a": ' + '{"a":' * DEEP + "1" + "}" * DEEP + "}\n",
    "toml arrays": '+++\ntitle = "x"\na = ' + "[" * DEEP + "]" * DEEP + "\n+++\n",
    "toml dotted keys": '+++\ntitle = "x"\n' + ".".join(["a"] * DEEP) + " = 1\n+++\n",
    "toml inline tables": '+++\ntitle = "x"\na = ' + "{a = " * 2000 + "1" + "}" * 2000 + "\n+++\n",
    "yaml flow lists": "---\ntitle: x\na: " + "[" * DEEP + "]" * DEEP + "\n---\n",
    "yaml flow maps": "---\ntitle: x\na: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n---\n",
    "yaml block lists": "---\ntitle: x\na:\n" + "".join(" " * i + "-\n" for i in range(1, 300)) + "---\n",
    "json 101 deep": '{"a": ' + "[" * 101 + "]" * 101 + "}\n",
}


@pytest.mark.parametrize("name", sorted(NESTED))
def test_front_matter_nested_too_deep_is_an_error_not_a_crash(name: str) -> None:
    # Before: a RecursionError traceback (or libyaml's own error) and no site.
    error, cost = front_matter_error(NESTED[name])
    assert error.diagnostic.code == "bad-front-matter"
    assert "nested" in error.diagnostic.message or "nesting" in error.diagnostic.message
    assert cost.seconds < 5 and cost.peak_mib < 200


def test_front_matter_100_deep_is_fine() -> None:
    assert split_front_matter('{"a": ' + "[" * 99 + "]" * 99 + "}\n", "x.md").data["a"]


def test_front_matter_over_a_mebibyte_is_refused() -> None:
    error, cost = front_matter_error("---\ntitle: x\nnote: " + "a" * (1024 * 1024) + "\n---\nbody\n")
    assert error.diagnostic.line == 2 and "over the limit of 1 MiB" in error.diagnostic.message
    assert cost.seconds < 1


def test_lone_surrogates_in_json_become_replacement_characters() -> None:
    data = split_front_matter('{"title": "a \\ud800 b", "\\udfff": 1}\n', "x.md").data
    assert data == {"title": "a \ufffd b", "\ufffd": 1}


def test_an_impossible_yaml_date_stays_text_for_the_date_rules(tmp_path: Path) -> None:
    # Before: PyYAML's bare ValueError ("day is out of range for month"), a traceback, no site.
    assert split_front_matter("---\ndate: 2025-02-30\n---\n", "x.md").data == {"date": "2025-02-30"}
    site = load_site(_site(tmp_path, {"x.md": "---\ntitle: x\ndate: 2025-02-30\n---\n"}), workers=1)
    assert [(d.source, d.line, d.code) for d in site.diagnostics] == [("x.md", 3, "bad-date")]


# --- config files ---------------------------------------------------------------------------------


def test_a_yaml_alias_bomb_in_hugo_yaml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "hugo.yaml").write_text(_alias_bomb(9).replace("---\n", "").replace("body\n", ""))
    with measured() as cost, pytest.raises(ContentError) as caught:
        load_site(tmp_path)
    assert caught.value.diagnostic.code == "bad-config" and caught.value.diagnostic.source == "hugo.yaml"
    assert caught.value.diagnostic.line == 8
    assert cost.seconds < 2


def test_a_deep_toml_config_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "hugo.toml").write_text("a = " + "[" * DEEP + "]" * DEEP + "\n")
    with pytest.raises(ContentError) as caught:
        load_site(tmp_path)
    assert caught.value.diagnostic.code == "bad-config"


# --- whole sites ----------------------------------------------------------------------------------


def load_cost(tmp_path: Path, files: dict[str, str]) -> tuple[Any, Cost]:
    site = _site(tmp_path / "site", files)
    with measured() as cost:
        loaded = load_site(site, workers=1)
    return loaded, cost


def test_a_bomb_next_to_a_good_digest_costs_only_itself(tmp_path: Path) -> None:
    good = "---\ntitle: good\n---\n## T\n\n2025-06-13 18:50:11 Friday ｜ x\n\n**链接** ：https://arxiv.org/abs/2506.10910\n"
    site, cost = load_cost(tmp_path, {"good.md": good, "bomb.md": _alias_bomb(9)})
    assert [d.source for d in site.documents if d.page.file] == ["good.md"]
    assert [(d.source, d.code) for d in site.diagnostics if d.level == "error"] == [
        ("bomb.md", "bad-front-matter")
    ]
    assert list(site.papers) == ["2506.10910"]
    assert cost.seconds < 2 and cost.peak_mib < 30


# --- markdown and shortcodes ----------------------------------------------------------------------


def build_cost(tmp_path: Path, body: str, memory: bool = False) -> tuple[BuildReport, Cost]:
    """Build a site of one page with *body* (no search index)."""
    site = _site(tmp_path / "site", {"x.md": "---\ntitle: x\n---\n" + body})
    with measured(memory) as cost:
        report = build(site, tmp_path / "out", search=False)
    return report, cost


def codes(report: BuildReport) -> set[str]:
    return {d.code for d in report.diagnostics}


def test_deeply_nested_shortcodes_are_cut_at_the_limit(tmp_path: Path) -> None:
    # Before: 28 s, then a RecursionError traceback and no site.
    report, cost = build_cost(tmp_path, "{{< details >}}" * 10_000 + "x" + "{{< /details >}}" * 10_000 + "\n")
    assert "shortcode-too-deep" in codes(report) and report.errors == 0
    assert cost.seconds < 20


def test_nested_pairs_cost_linear_time_not_exponential(tmp_path: Path) -> None:
    # Before: each level rendered its inner content twice: 16 levels took 15 s, 20 never ended.
    report, cost = build_cost(tmp_path, "{{< details >}}" * 24 + "x" + "{{< /details >}}" * 24 + "\n")
    assert cost.seconds < 3
    html = (tmp_path / "out" / "x" / "index.html").read_text(encoding="utf-8")
    assert html.count("<details>") == 17  # 16 levels, then the rest as written
    assert "shortcode-too-deep" in codes(report)


def test_unclosed_and_stray_shortcodes_in_one_line(tmp_path: Path) -> None:
    # Before: every unclosed tag scanned to the end of the line (10,000 tags: > 30 s), and every
    # closing tag scanned the tokens before it (20,000: 22 s).
    body = "{{< figure src=a.png >}} " * 10_000 + "\n\n{{% x %}} a " + "{{% /y %}} b " * 20_000 + "\n"
    report, cost = build_cost(tmp_path, body)
    assert "stray-shortcode-close" in codes(report)
    assert cost.seconds < 25


def test_a_long_line_of_mixed_markup_costs_linear_time(tmp_path: Path) -> None:
    # Before: 90 KB took 6 s and 180 KB 24 s (unclosed shortcodes, copied token lists per image).
    piece = "*a* [b](http://x.org) `c` <d> {{< e >}} $f$ _g_ ![h](i.png) https://y.org/z "
    _, cost = build_cost(tmp_path, piece * (200_000 // len(piece)) + "\n")
    assert cost.seconds < 12


def test_a_huge_table_is_shown_as_text(tmp_path: Path) -> None:
    # Before: a 1 MB table of 500,000 cells took 18 s and 850 MB.
    rows = "|" + "a|" * 50 + "\n|" + "-|" * 50 + "\n" + ("|" + "x|" * 50 + "\n") * 10_000
    report, cost = build_cost(tmp_path, rows, memory=True)
    assert "too-large" in codes(report)
    assert cost.seconds < 5 and cost.peak_mib < 60


def test_a_line_over_a_mebibyte_is_shown_as_text(tmp_path: Path) -> None:
    report, cost = build_cost(tmp_path, "*a " * 400_000 + "\n")
    assert [d.message for d in report.diagnostics if d.code == "too-large"] == [
        "line longer than 1,048,576 characters: shown as its source text"
    ]
    assert cost.seconds < 5


def test_a_paragraph_of_100000_lines(tmp_path: Path) -> None:
    # Before: 84 s (each line break sliced the rest of the paragraph's tokens).
    _, cost = build_cost(tmp_path, "a\n" * 100_000)
    assert cost.seconds < 40


def test_deep_quotes_and_lists(tmp_path: Path) -> None:
    # Holds already (markdown-it stops nesting at 20 levels); kept so it stays that way.
    body = ">" * 10_000 + " a\n\n" + "".join("  " * i + "- a\n" for i in range(1_000))
    _, cost = build_cost(tmp_path, body)
    assert cost.seconds < 10


def test_long_and_many_formulas(tmp_path: Path) -> None:
    body = (
        "$$\n"
        + "x^{2}+" * 10_000
        + "1\n$$\n\n"
        + "$x$ " * 2_000
        + "\n\n$"
        + "{" * 5_000
        + "x"
        + "}" * 5_000
        + "$\n"
    )
    report, cost = build_cost(tmp_path, body)
    assert "math-error" in codes(report)
    assert (tmp_path / "out" / "x" / "index.html").read_text(encoding="utf-8").count("<math") >= 2_000
    assert cost.seconds < 10


def _growth(cost: Callable[[int], float], small: int) -> float:
    """How much longer *cost* takes for 3× the input: about 3 when linear, about 9 when quadratic."""
    return cost(3 * small) / max(cost(small), 1e-3)


def test_many_headings_cost_linear_time(tmp_path: Path) -> None:
    # Before: each topic page scanned every topic for its children and parents (4,000 headings:
    # 17 s in topic pages alone).
    templates = tmp_path / "templates"  # trivial templates, so the page lists are what costs
    templates.mkdir()
    (templates / "topics.html").write_text("{{ topics|length }}")
    (templates / "topic.html").write_text("{{ subtopics|length }} {{ parents|length }}")

    def topic_cost(count: int) -> float:
        body = "".join(f"## h{i}\n\n### s{i}\n\n" for i in range(count))
        site = load_site(
            _site(tmp_path / f"site{count}", {"x.md": "---\ntitle: x\ndigest: true\n---\n" + body}), workers=1
        )
        context = RenderContext(site, {}, [templates])
        with measured(memory=False) as cost:
            assert (
                len([render_page(context, task) for task in topic_tasks(context, "zh")]) == 1 + 2 * 2 * count
            )
        return cost.seconds

    assert _growth(topic_cost, 1_500) < 5


def test_many_tiny_files_cost_linear_time(tmp_path: Path) -> None:
    # Before: every section was compared with every page for its dates (16,000 sections: 25 s).
    def load_cost(count: int) -> float:
        files = {f"s/d{i}/_index.md": f"---\ntitle: t{i}\n---\nhi\n" for i in range(count)}
        site = _site(tmp_path / f"site{count}", files)
        with measured(memory=False) as cost:
            assert len(load_site(site, workers=1).documents) > count
        return cost.seconds

    assert _growth(load_cost, 2_000) < 5


def test_a_page_renders_at_most_its_budget_of_shortcodes() -> None:
    from notes_site.markup.markdown import create_markdown
    from notes_site.markup.shortcodes.pairs import ENV_PAIRS, PairIndex
    from notes_site.markup.shortcodes.render import (
        PageInfo,
        ShortcodeRenderer,
        render_env,
        template_environment,
    )

    diagnostics: list[Any] = []
    env = render_env(ShortcodeRenderer(template_environment()), PageInfo("x.md", 1), diagnostics)
    env[ENV_PAIRS] = PairIndex(renders=5)  # the default is 20,000 a page
    html = create_markdown().render('{{< figure src="a.png" >}}\n\n' * 12, env)
    assert html.count("<figure>") == 5
    assert [d.code for d in diagnostics] == ["too-many-shortcodes"]
