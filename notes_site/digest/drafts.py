"""Paper blocks and dated entries while they are being read: mutable drafts, frozen once complete."""

from __future__ import annotations

from dataclasses import dataclass, field

from notes_site.digest.model import Link, PaperFormat


@dataclass(slots=True)
class PaperBlock:
    """A paper block being assembled inside an entry."""

    line: int
    format: PaperFormat
    arxiv_id: str | None = None
    title_en: str | None = None
    title_zh: str | None = None
    authors: tuple[str, ...] = ()
    authors_truncated: bool = False
    authors_hidden: int | None = None
    affiliation: str | None = None
    abstract: str | None = None
    comment: str | None = None
    links: dict[str, Link] = field(default_factory=dict)
    authors_block: int | None = None
    """Inline-token index of the authors line; a card's abstract is the next paragraph."""
    abstract_block: int | None = None
    """Inline-token index of the paragraph the abstract is being read from."""

    def has_content(self) -> bool:
        return bool(self.title_en or self.title_zh or self.authors or self.abstract or self.arxiv_id)


@dataclass(slots=True)
class EntryDraft:
    """A dated entry being assembled."""

    line: int
    end_line: int
    section: tuple[str, ...]
    timestamp: str
    weekday: str | None
    number: int | None
    headline: str
    links: dict[str, Link] = field(default_factory=dict)
    ids: dict[str, None] = field(default_factory=dict)
    blocks: list[PaperBlock] = field(default_factory=list)
    inline: list[tuple[str, int]] = field(default_factory=list)
