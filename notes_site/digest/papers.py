"""Merge paper mentions from every document into one :class:`Paper` per work.

Mentions belong to the same work when they share an id (of any scheme): a mention that gives
both an arXiv id and an OpenReview id joins the two. The paper is keyed by its page-naming id
(:data:`~notes_site.digest.identity.SCHEME_ORDER`: arXiv first), so adding an OpenReview link
to a note never moves an arXiv paper's page.

Every mention is kept. For the single-valued fields the fullest value wins (the longest
title, the longest author list, the longest abstract per language); a value that is not a
shorter form of the winner is a conflict and gets a warning that names both places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from notes_site.base.errors import Diagnostic
from notes_site.base.text import has_cjk
from notes_site.digest.identity import PaperId
from notes_site.digest.model import Link, Paper, PaperMention
from notes_site.digest.names import DocumentLike, NameMemo, name_mentions


def _norm(text: str) -> str:
    return "".join(text.lower().split())


def _fullest(
    mentions: Sequence[PaperMention],
    value: Callable[[PaperMention], str | None],
    what: str,
    key: str,
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
                    f"{what} of {key} differs from {best_mention.source}:{best_mention.line}: "
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


def merge_paper(mentions: Sequence[PaperMention]) -> tuple[Paper, list[Diagnostic]]:
    """One paper from all of its mentions (already in document order)."""
    ids = sorted(dict.fromkeys(i for m in mentions for i in m.ids), key=lambda i: i.rank)
    key = ids[0].key
    diagnostics: list[Diagnostic] = []
    title_en = _fullest(mentions, lambda m: m.title_en, "English title", key, diagnostics)
    title_zh = _fullest(mentions, lambda m: m.title_zh, "Chinese title", key, diagnostics)
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
                        f"authors of {key} differ from {best.source}:{best.line}",
                        "make the two author lists agree; the longer one is used",
                        "paper-conflict",
                    )
                )
    links: dict[str, Link] = {}
    for mention in mentions:
        for link in mention.links:
            links.setdefault(link.url, link)
    paper = Paper(
        key=key,
        ids=tuple(ids),
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
        venue=next((m.venue for m in mentions if m.venue), None),
    )
    return paper, diagnostics


def group_mentions(mentions: Iterable[PaperMention]) -> list[list[PaperMention]]:
    """Mentions grouped by work (any shared id joins two groups), first mention first."""
    owner: dict[PaperId, int] = {}
    groups: dict[int, list[PaperMention]] = {}
    for number, mention in enumerate(mentions):
        joined = sorted({owner[i] for i in mention.ids if i in owner})
        target = joined[0] if joined else number
        group = groups.setdefault(target, [])
        for other in joined[1:]:
            moved = groups.pop(other)
            group.extend(moved)
            owner.update((paper_id, target) for member in moved for paper_id in member.ids)
        group.append(mention)
        owner.update((paper_id, target) for paper_id in mention.ids)
    ordered = [sorted(group, key=lambda m: (m.source, m.line)) for group in groups.values()]
    return sorted(ordered, key=lambda group: (group[0].source, group[0].line))


MergeMemo = dict[tuple[int, ...], tuple[tuple[PaperMention, ...], Paper, list[Diagnostic]]]
"""Papers merged before, by the ``id`` of each of their mentions (with the mentions, which keep
those ids theirs): a process that builds the same site again keeps one between builds."""


def merge_papers(
    mentions: Iterable[PaperMention], memo: MergeMemo | None = None
) -> tuple[dict[str, Paper], list[Diagnostic]]:
    """Group mentions by work and merge each group, keyed by the paper's key.

    With *memo*, a group of the very mention objects merged before gives the paper merged then
    (:func:`merge_paper` is a pure function of its mentions); the memo then holds this call's
    groups only."""
    papers: dict[str, Paper] = {}
    diagnostics: list[Diagnostic] = []
    kept = dict(memo) if memo is not None else {}
    if memo is not None:
        memo.clear()
    for group in group_mentions(mentions):
        ids = tuple(map(id, group))
        found_before = kept.get(ids)
        if found_before is not None and all(a is b for a, b in zip(found_before[0], group, strict=True)):
            _mentions, paper, found = found_before
        else:
            paper, found = merge_paper(group)
        if memo is not None:
            memo[ids] = (tuple(group), paper, found)
        papers[paper.key] = paper
        diagnostics.extend(found)
    return papers, diagnostics


class PaperMemo:
    """What :func:`collect_papers` keeps for its next call: the papers of each of its two merges."""

    def __init__(self) -> None:
        self.explicit: MergeMemo = {}
        """The merge of the mentions with ids (which the names are looked up in)."""
        self.final: MergeMemo = {}
        """The merge of every mention, those tied by name too."""
        self.names = NameMemo()
        """The mentions tied by name, by document."""


def collect_papers(
    documents: Sequence[DocumentLike], memo: PaperMemo | None = None
) -> tuple[dict[str, Paper], list[Diagnostic]]:
    """Every paper of the site: the mentions with ids, then those tied by name
    (:mod:`notes_site.digest.names`), merged; with the diagnostics merging and naming produce.
    *memo* keeps the merged papers for the next call (see :func:`merge_papers`)."""
    explicit = sorted(
        (m for d in documents for e in d.digest.entries for m in e.mentions), key=lambda m: (m.source, m.line)
    )
    first, conflicts = merge_papers(explicit, memo.explicit if memo is not None else None)
    named, notes = name_mentions(documents, first, memo.names if memo is not None else None)
    if not named:  # the same mentions again would merge into the same papers
        return first, [*conflicts, *notes]
    everything = sorted([*explicit, *named], key=lambda m: (m.source, m.line))
    papers, diagnostics = merge_papers(everything, memo.final if memo is not None else None)
    return papers, [*diagnostics, *notes]
