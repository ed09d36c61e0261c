"""Hugo parity of page bodies: every page of every fixture site in tests/parity/sites, Hugo's
``.Content`` (the real binary) against notes-site's rendered body, normalised.

``goldmark`` exercises Goldmark's default extensions, the typographer, heading ids, code
blocks, images, raw HTML, built-in shortcodes and an ordinary page with dated comments;
``goldmark_config`` a multilingual site with blackfriday ids, codeFences off, no
typographer, unwrapped stand-alone images, a footnote back link and Hugo's embedded link and
image hooks. A page whose body differs must be named under ``[body.*]`` in
``expected_differences.toml`` with its reason, and every name there must still be needed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

from tests.parity.bodies import compare_bodies, first_difference
from tests.parity.harness import EXPECTED, SITES
from tests.parity.hugo_bodies import (
    DECLARED_SHORTCODES,
    closed_shortcodes_in,
    our_bodies,
    run_hugo_bodies,
    shortcodes_in,
)
from tests.test_parity import SITE_NAMES, _require_hugo


@dataclass(frozen=True, slots=True)
class BodyDifference:
    """One page whose body differs."""

    site: str
    url: str
    source: str
    detail: str


def _expected() -> dict[str, dict[str, str]]:
    data = tomllib.loads(EXPECTED.read_text(encoding="utf-8"))
    return {name: {k: str(v) for k, v in entry.items()} for name, entry in data.get("body", {}).items()}


def _covers(entry: dict[str, str], diff: BodyDifference) -> bool:
    return fnmatchcase(diff.site, entry.get("site", "*")) and fnmatchcase(diff.url, entry.get("url", "*"))


@pytest.fixture(scope="module")
def body_differences(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, list[BodyDifference]]]:
    """Per site: how many pages were compared, and those whose markup differs."""
    _require_hugo()
    found: dict[str, tuple[int, list[BodyDifference]]] = {}
    for name in SITE_NAMES:
        site = SITES / name
        ours = our_bodies(site)
        used = set().union(*(shortcodes_in(p.body) for p in ours.values()))
        paired = set().union(*(closed_shortcodes_in(p.body) for p in ours.values()))
        hugo = run_hugo_bodies(site, tmp_path_factory.mktemp(name), used, paired)
        assert hugo.returncode == 0, hugo.log
        compared, diffs = 0, []
        for key, page in sorted(ours.items()):
            if page.digest or shortcodes_in(page.body) & DECLARED_SHORTCODES:
                continue
            assert key in hugo.bodies, f"{name}: Hugo rendered no body for {key} ({page.source})"
            comparison = compare_bodies(hugo.bodies[key], page.html)
            compared += 1
            if not comparison.markup_equal:
                diffs.append(BodyDifference(name, key[1], page.source, first_difference(comparison)))
        found[name] = (compared, diffs)
    return found


@pytest.mark.parametrize("site", SITE_NAMES)
def test_bodies_match_hugo(site: str, body_differences: dict[str, tuple[int, list[BodyDifference]]]) -> None:
    compared, diffs = body_differences[site]
    assert compared > 0
    expected = _expected()
    unexplained = [d for d in diffs if not any(_covers(e, d) for e in expected.values())]
    assert not unexplained, "\n\n".join(f"{d.site} {d.url} ({d.source})\n{d.detail}" for d in unexplained)


def test_every_expected_body_difference_is_still_needed(
    body_differences: dict[str, tuple[int, list[BodyDifference]]],
) -> None:
    everything = [d for _, diffs in body_differences.values() for d in diffs]
    stale = sorted(
        name for name, entry in _expected().items() if not any(_covers(entry, d) for d in everything)
    )
    assert stale == []
    assert all(entry.get("reason", "").strip() for entry in _expected().values())


def test_the_feature_sites_are_compared_page_by_page(
    body_differences: dict[str, tuple[int, list[BodyDifference]]],
) -> None:
    assert body_differences["goldmark"][0] >= 9
    assert body_differences["goldmark_config"][0] >= 4


def test_fixture_sites_exist() -> None:
    assert {"goldmark", "goldmark_config"} <= {p.name for p in Path(SITES).iterdir()}
