"""Related papers: the ranking kept per set of topics gives every page the same list as
ranking each paper on its own, as it was done before (``site/views/papers.py``)."""

from __future__ import annotations

import heapq
from collections import Counter
from pathlib import Path

from notes_site.build.cache import BuildCache
from notes_site.build.discovery import find_pages
from notes_site.build.load import load
from notes_site.build.timing import StageTimer
from notes_site.site.context import RenderContext
from notes_site.site.views.papers import related_papers

from .sitegen import generate


def _reference(paper, by_topic, limit=6, candidates_per_topic=48):  # type: ignore[no-untyped-def]
    """The ranking done for one paper on its own, as it was before rankings were kept."""
    shared: Counter[str] = Counter()
    found = {}
    for topic in paper.topics:
        for other in by_topic.get(topic, ())[:candidates_per_topic]:
            if other.key != paper.key:
                shared[other.key] += 1
                found[other.key] = other
    ranked = [(shared[key], other.first_date or "", key, other) for key, other in found.items()]
    return [other for *_rank, other in heapq.nlargest(limit, ranked)]


def test_the_kept_ranking_gives_each_paper_its_own_answer(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", 30, 8)
    found = find_pages(site)
    loaded = load(
        site, None, workers=1, timer=StageTimer(), cache=BuildCache(site, enabled=False), discovered=found
    )
    context = RenderContext(loaded.site, loaded.bodies, [site / "templates"])
    compared = several = 0
    for views in context.views.values():
        memo: dict = {}
        for paper in views.papers.values():
            expected = [p.key for p in _reference(paper, views.papers_by_topic)]
            alone = related_papers(paper, views.papers_by_topic)
            kept = related_papers(paper, views.papers_by_topic, memo=memo)
            assert [p.key for p in alone] == expected, paper.key
            assert [p.key for p in kept] == expected, paper.key
            assert paper.key not in {p.key for p in kept}
            compared += 1
            several += len(paper.topics) > 1
    assert compared > 50 and several > 10  # the memo is used: papers under several topics
    assert memo  # and it holds the rankings it reused
