"""Which papers each entry card shows as chips, in the order the entry names them."""

from __future__ import annotations

from notes_site.digest.model import Site


def entry_papers(site: Site) -> dict[tuple[str, int], tuple[str, ...]]:
    """The papers of each entry, by ``(source, entry line)``: its mentions' papers in the entry's
    order, then those tied by name (so a card shows a chip for a paper it names without a link)."""
    # By object: a paper's mentions by id are its entries' own (hashing each mention's ids was
    # most of this function's time).
    order = {
        id(m): position
        for d in site.documents
        for e in d.digest.entries
        for position, m in enumerate(e.mentions)
    }
    found: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for key, paper in site.papers.items():
        for m in paper.mentions:
            if m.entry_line is not None:
                rank = (0, order[id(m)]) if m.matched == "id" else (1, m.line)
                found.setdefault((m.source, m.entry_line), []).append((*rank, key))
    return {place: tuple(dict.fromkeys(key for *_rank, key in sorted(keys))) for place, keys in found.items()}
