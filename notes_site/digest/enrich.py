"""Fill merged papers from the arXiv data file (:mod:`notes_site.digest.arxiv_data`).

What the digest says always wins: a record only fills a field no mention gives (the English
title, the authors, the English abstract, the comment, the venue), and completes an author list
the digest cut off ("et al.") only when arXiv's list starts with the names the digest gives.
Every field filled this way is named in :attr:`Paper.from_arxiv`, so a page can say so. The
arXiv categories, the first version's date and the published version's DOI come only from
arXiv and are always taken.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping

from notes_site.digest.arxiv_data import ArxivRecord
from notes_site.digest.model import Paper

FILLABLE = ("title_en", "authors", "abstract_en")
"""The fields whose absence makes ``papers fetch`` ask arXiv about a paper."""


def _name_key(name: str) -> str:
    """A name compared without case, accents or punctuation (``Ré`` = ``Re``)."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain.lower() if c.isalnum())


def _extends(shorter: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """Whether *longer* starts with the names of *shorter* and has more."""
    if len(longer) <= len(shorter):
        return False
    return all(_name_key(a) == _name_key(b) for a, b in zip(shorter, longer, strict=False))


def fill_paper(paper: Paper, record: ArxivRecord) -> Paper:
    """*paper* with what *record* adds to it (see the module docstring)."""
    changes: dict[str, object] = {
        "categories": record.categories,
        "published": record.published_date,
        "journal_doi": record.doi.lower() if record.doi else None,
    }
    filled: list[str] = []
    if not paper.title_en and record.title:
        changes["title_en"] = record.title
        filled.append("title_en")
    if record.authors and (
        not paper.authors or (paper.authors_truncated and _extends(paper.authors, record.authors))
    ):
        changes["authors"] = record.authors
        changes["authors_truncated"] = False
        filled.append("authors")
    if not paper.abstract_en and record.abstract:
        changes["abstract_en"] = record.abstract
        filled.append("abstract_en")
    if not paper.comments and record.comment:
        changes["comments"] = (record.comment,)
        filled.append("comments")
    if not paper.venue and record.journal_ref:
        changes["venue"] = record.journal_ref
        filled.append("venue")
    changes["from_arxiv"] = tuple(filled)
    return dataclasses.replace(paper, **changes)  # type: ignore[arg-type]


def fill_papers(papers: Mapping[str, Paper], records: Mapping[str, ArxivRecord]) -> dict[str, Paper]:
    """Every paper, those with an arXiv record filled from it; the order is kept."""
    filled: dict[str, Paper] = {}
    for key, paper in papers.items():
        record = records.get(paper.arxiv_id) if paper.arxiv_id else None
        filled[key] = fill_paper(paper, record) if record is not None else paper
    return filled


def missing_fields(paper: Paper) -> tuple[str, ...]:
    """Which of :data:`FILLABLE` the paper still lacks (a cut-off author list counts as missing)."""
    missing = []
    if not paper.title_en:
        missing.append("title_en")
    if not paper.authors or paper.authors_truncated:
        missing.append("authors")
    if not paper.abstract_en:
        missing.append("abstract_en")
    return tuple(missing)
