"""Merge paper mentions from every document into one :class:`Paper` per arXiv id.

Every mention is kept. For the single-valued fields the fullest value wins (the longest
title, the longest author list, the longest abstract per language); a value that is not a
shorter form of the winner is a conflict and gets a warning that names both places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from notes_site.base.errors import Diagnostic
from notes_site.base.text import has_cjk
from notes_site.digest.model import Link, Paper, PaperMention


def _norm(text: str) -> str:
    return "".join(text.lower().split())


def _fullest(
    mentions: Sequence[PaperMention],
    value: Callable[[PaperMention], str | None],
    what: str,
    diagnostics: list[Diagnostic],
) -> str | None:
    """The longest value among mentions; warn when another value is not part of it."""
    candidates = [(m, v) for m in mentions if (v := value(m))]
    if not candidates:
        return None
    best_mention, best = max(candidates, key=lambda pair: len(pair[1]))
    for mention, other in candidates:
        if _norm(other) not in _norm(best):
            diagnostics.append(
                Diagnostic(
                    mention.source,
                    mention.line,
                    "warning",
                    f"{what} of {mention.arxiv_id} differs from {best_mention.source}:{best_mention.line}: "
                    f"{other!r} vs {best!r}",
                    "make the two notes agree; the longer one is used",
                    "paper-conflict",
                )
            )
    return best


def _abstract(mention: PaperMention, zh: bool) -> str | None:
    if mention.abstract and has_cjk(mention.abstract) == zh:
        return mention.abstract
    return None


def merge_paper(arxiv_id: str, mentions: Sequence[PaperMention]) -> tuple[Paper, list[Diagnostic]]:
    """One paper from all of its mentions (already in document order)."""
    diagnostics: list[Diagnostic] = []
    title_en = _fullest(mentions, lambda m: m.title_en, "English title", diagnostics)
    title_zh = _fullest(mentions, lambda m: m.title_zh, "Chinese title", diagnostics)
    with_authors = [m for m in mentions if m.authors]
    authors: tuple[str, ...] = ()
    truncated = False
    if with_authors:
        best = max(with_authors, key=lambda m: (len(m.authors), not m.authors_truncated))
        authors, truncated = best.authors, best.authors_truncated
        for mention in with_authors:
            if mention.authors != authors[: len(mention.authors)]:
                diagnostics.append(
                    Diagnostic(
                        mention.source,
                        mention.line,
                        "warning",
                        f"authors of {arxiv_id} differ from {best.source}:{best.line}",
                        "make the two author lists agree; the longer one is used",
                        "paper-conflict",
                    )
                )
    links: dict[str, Link] = {}
    for mention in mentions:
        for link in mention.links:
            links.setdefault(link.url, link)
    paper = Paper(
        arxiv_id=arxiv_id,
        title_en=title_en,
        title_zh=title_zh,
        authors=authors,
        authors_truncated=truncated,
        abstract_zh=max((a for m in mentions if (a := _abstract(m, True))), key=len, default=None),
        abstract_en=max((a for m in mentions if (a := _abstract(m, False))), key=len, default=None),
        comments=tuple(dict.fromkeys(m.comment for m in mentions if m.comment)),
        code=tuple(link.url for link in links.values() if link.kind == "code"),
        links=tuple(links.values()),
        mentions=tuple(mentions),
    )
    return paper, diagnostics


def merge_papers(mentions: Iterable[PaperMention]) -> tuple[dict[str, Paper], list[Diagnostic]]:
    """Group mentions by arXiv id (first mention first) and merge each group."""
    groups: dict[str, list[PaperMention]] = {}
    for mention in mentions:
        groups.setdefault(mention.arxiv_id, []).append(mention)
    papers: dict[str, Paper] = {}
    diagnostics: list[Diagnostic] = []
    for arxiv_id, group in groups.items():
        papers[arxiv_id], found = merge_paper(arxiv_id, group)
        diagnostics.extend(found)
    return papers, diagnostics
