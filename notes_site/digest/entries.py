"""Read one entry's lines: find its paper blocks, then give every paper field its paper.

The format readers (:mod:`notes_site.digest.formats`) are asked in turn at every line that no
block holds yet; a block owns the lines it spans. What is left are the entry's own lines: its
date line and prose, where a field may still stand away from its paper (an author line a
paragraph after a card, a GitHub link in the headline, an id cited in prose).

**Field ownership.** When an entry is about exactly one work — every id in it, in blocks or in
prose, names the same work — every paper field in the entry belongs to that work: the blocks
are merged (the first one with an id leads, the others fill what it lacks) and the fields on the
entry's own lines (authors, code, project, model, venue …, and a title or an author list an
article's sentence names: ``论文题为 X。``, ``作者是 A、B 和 C``) fill what is still missing. When it
names several works, each field belongs to the block it sits in; fields outside every block stay
the entry's (its links), and a block with no id at all stays unidentified. Three refinements of
"the block it sits in": a block that lists several papers field by field (``《A》、《B》`` over
``；``-separated links) is one block per paper, paired by order (``formats/paired.py``); a paper
cited in prose takes what its own clause says (``digest/prose.py``); and an author list or a
repository given by a paper's short name (``TimesNet is by A, B``, ``LLaMA inference code: …``)
goes to the paper whose title (or the name its list or table gives it) defines that name, as
the numbered sources of a research assistant's report go to the works cited by their number
(``digest/sources.py``). A repository the text disowns (``a reimplementation, not the
authors'``) is no paper's code (``digest/disowned.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from notes_site.base.errors import Level
from notes_site.base.text import fold_space
from notes_site.digest.disowned import disowned_code
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats import READERS
from notes_site.digest.formats.base import EntryLines, Label, apply_label, text_ids
from notes_site.digest.formats.paired import split_paired
from notes_site.digest.formats.table import split_row
from notes_site.digest.identity import PaperId, paper_id_from_url
from notes_site.digest.labels import (
    FORCED_KIND,
    explained_title,
    prose_title,
    tagged_title,
)
from notes_site.digest.links import LinkKind, is_expiring_image, link_kind
from notes_site.digest.model import Link
from notes_site.digest.paragraphs import FIELDS, line_authors, link_below, paragraph_fields, preamble_title
from notes_site.digest.prose import give_named_authors, give_named_code, named_authors, prose_citations
from notes_site.digest.sources import source_fields

Note = tuple[int, Level, str, str, str]
"""A diagnostic to be: line, level, code, message, hint."""


@dataclass(slots=True)
class EntryReading:
    """What one entry holds, ready to be frozen into an :class:`~notes_site.digest.model.Entry`."""

    papers: list[PaperBlock] = field(default_factory=list)
    """One block per work the entry gives an id for, in order."""
    unidentified: list[PaperBlock] = field(default_factory=list)
    """Blocks with no id (for an entry without any id: its one candidate, fields merged)."""
    links: dict[str, Link] = field(default_factory=dict)
    """Every distinct URL, in order."""
    ids: list[PaperId] = field(default_factory=list)
    """Every distinct id written in the entry, in order."""
    lead: str = ""
    """Headline and first paragraph."""
    notes: list[Note] = field(default_factory=list)
    """What was noticed."""


def find_blocks(lines: EntryLines) -> tuple[list[PaperBlock], list[int]]:
    """The paper blocks of *lines* and the indices of the lines no block owns."""
    blocks: list[PaperBlock] = []
    free: list[int] = []
    index = 0
    while index < len(lines):
        if not lines.may_start(index):
            free.append(index)
            index += 1
            continue
        for reader in READERS:
            block = reader.read(lines, index)
            if block is not None and block.end > index:
                for part in split_paired(lines, block, index):
                    blocks.extend(split_row(lines, part, index))
                index = block.end
                break
        else:
            free.append(index)
            index += 1
    return blocks, free


def read_entry(lines: EntryLines, headline: str, first_line: int) -> EntryReading:
    """Blocks, fields, links and ids of one entry (see the module docs for who owns a field)."""
    blocks, free = find_blocks(lines)
    reading = EntryReading(lead=_lead(lines, headline))
    _links(lines, blocks, reading)
    loose, inline, cited = _entry_fields(lines, free, first_line)
    named = [(name, names, lines[i].number) for i in free for name, names in named_authors(lines[i].text)]
    for block in [*blocks, loose]:
        if block.authors_truncated and block.authors_line is not None:
            reading.notes.append(_truncated_note(block))
    _numbered_links(lines, free, blocks)
    link_below(lines, blocks)
    foreign = disowned_code(lines)
    _drop_code(foreign, [*blocks, loose, *cited.values()])
    works = _works(blocks, inline, cited)
    give_named_authors(works, named)
    give_named_code(lines, free, works)
    source_fields(lines, free, works)
    idless = [block for block in blocks if not block.ids]
    if len(works) == 1:
        lead = works[0]
        paragraph_fields(lines, free, works)
        for block in [*blocks, loose]:
            if block is not lead:
                lead.fill(block)
        if not (lead.title_en or lead.title_zh):
            lead.set_title(explained_title(headline) or "")  # ``Yannic Kilcher: Title (Paper Explained)``
        reading.papers = [lead]
    else:
        reading.papers = works
        paragraph_fields(lines, free, works)
        if works and works[0].format != "inline" and not (works[0].title_en or works[0].title_zh):
            # A post's tagged title line above its first block (``【论文翻译】Title``) is that
            # block's title, whatever else the post cites further down.
            works[0].set_title(preamble_title(lines, free, works[0].line))
        if not works and len(idless) <= 1:
            candidate = idless[0] if idless else loose
            if candidate is not loose:
                candidate.fill(loose)
            reading.unidentified = [candidate] if candidate.has_content() or candidate.links else []
        else:
            reading.unidentified = idless
    _drop_code(foreign, [*reading.papers, *reading.unidentified])
    noted = {note[0] for note in reading.notes if note[2] == "authors-truncated"}
    for work in reading.papers:  # author lists a report's sentence gave (``digest/sources.py``)
        if work.authors_truncated and work.authors_line is not None and work.authors_line not in noted:
            reading.notes.append(_truncated_note(work))
    return reading


def _truncated_note(block: PaperBlock) -> Note:
    """The ``authors-truncated`` info of a block whose author list is cut off."""
    more = f"; {block.authors_hidden} more not shown" if block.authors_hidden else ""
    return (
        block.authors_line or block.line,
        "info",
        "authors-truncated",
        f"author list is cut off after {len(block.authors)} names{more}",
        "paste the full list from the arXiv page to make every author searchable",
    )


def _drop_code(foreign: set[str], blocks: list[PaperBlock]) -> None:
    """Take the code links the text disowns (:mod:`notes_site.digest.disowned`) off *blocks*."""
    if foreign:
        for block in blocks:
            block.links = {
                url: link for url, link in block.links.items() if link.kind != "code" or url not in foreign
            }


_NUMBERED_LINK_RE = re.compile(r"\[(?P<number>\d{1,3})\]\s*(?P<url>https?://\S+)")


def _numbered_links(lines: EntryLines, free: list[int], blocks: list[PaperBlock]) -> None:
    """``代码：[1] https://github.com/… ；[2] …`` on the entry's own lines, after a numbered
    reference list: each code link goes to the reference its number names."""
    numbered = {block.number: block for block in blocks if block.number is not None}
    if not numbered:
        return
    for index in free:
        line = lines[index]
        for found in _NUMBERED_LINK_RE.finditer(line.text):
            block = numbered.get(int(found.group("number")))
            url = next((u.url for u in line.urls if found.group("url").startswith(u.url)), None)
            if block is not None and url is not None and link_kind(url) == "code":
                block.add_link(url, "code", line.number)


def _works(
    blocks: list[PaperBlock], inline: list[tuple[PaperId, int]], cited: dict[PaperId, PaperBlock]
) -> list[PaperBlock]:
    """One block per distinct work: blocks that share an id merged, ids in prose added as
    ``inline`` blocks with what their clause says (:mod:`notes_site.digest.prose`)."""
    works: list[PaperBlock] = []
    for block in blocks:
        if not block.ids:
            continue
        same = [work for work in works if set(work.ids) & set(block.ids)]
        if same:
            same[0].fill(block)
            for other in same[1:]:
                same[0].fill(other)
                works.remove(other)
        else:
            works.append(block)
    named = [other for block in blocks for other in block.others] + inline
    for pid, line in named:
        if not any(pid in work.ids for work in works):
            works.append(cited.get(pid) or PaperBlock(line, "inline", ids=[pid]))
    for work in works:
        for pid in work.ids:
            if pid in cited and cited[pid] is not work:
                work.fill(cited[pid])
    # The entry's blocks first, in order, then the works it only cites in prose.
    return sorted(works, key=lambda work: (work.format == "inline", work.line))


def _entry_fields(
    lines: EntryLines, free: list[int], first_line: int
) -> tuple[PaperBlock, list[tuple[PaperId, int]], dict[PaperId, PaperBlock]]:
    """Paper fields on the entry's own lines, the ids written there, and what the clause of
    each id cited in prose says about its paper."""
    loose = PaperBlock(first_line, "inline")
    inline: list[tuple[PaperId, int]] = []
    cited: dict[PaperId, PaperBlock] = {}
    for index in free:
        line = lines[index]
        if not lines.is_date(index):
            for cited_id, block in prose_citations(line):
                cited.setdefault(cited_id, block)
        label = lines.label(index)
        if label is not None and label.field in FIELDS:
            apply_label(loose, line, label)
        elif label is None and not lines.is_date(index):
            # An article's sentences may name its paper's title and authors; a post's tagged
            # title line (``【论文翻译】Title``) names its title.
            loose.set_title(prose_title(line.text) or tagged_title(line.text) or "")
            names = line_authors(line.text)
            if names and not loose.authors:
                apply_label(loose, line, Label("authors", names, ""))
        found = list(text_ids(line))
        for url in line.urls:
            if url.image:
                continue
            pid = paper_id_from_url(url.url)
            if pid is not None:
                found.append((url.offset, pid))
            elif link_kind(url.url) == "code":
                loose.add_link(url.url, "code", line.number, url.text)
        inline += [(pid, line.number) for _offset, pid in sorted(found, key=lambda pair: pair[0])]
    loose.others = []
    return loose, inline, cited


def _links(lines: EntryLines, blocks: list[PaperBlock], reading: EntryReading) -> None:
    """Every URL of the entry with its kind (a label or the block's reading decides), ids in
    order, expiring images and captions."""
    kinds = {url: link.kind for block in blocks for url, link in block.links.items()}
    # A record's id is written in its fields (BibTeX ``eprint``, RIS ``DO  -``, EndNote ``%R``).
    fields = {
        block.line: block.ids for block in blocks if block.format in ("bibtex", "ris", "csl-json", "refer")
    }
    for index, line in enumerate(lines):
        label = lines.label(index)
        forced = FORCED_KIND.get(label.field) if label else None
        found: list[tuple[int, PaperId]] = [(0, pid) for pid in fields.get(line.number, [])]
        for url in line.urls:
            kind: LinkKind = link_kind(url.url, image=url.image)
            if not url.image:
                kind = forced or kinds.get(url.url, kind)
                if (pid := paper_id_from_url(url.url)) is not None:
                    found.append((url.offset, pid))
            if lines.is_date(index) and kind == "other":
                kind = "article"
            _add_link(reading.links, Link(url.url, kind, line.number, url.text))
            if url.image and is_expiring_image(url.url):
                reading.notes.append(
                    (
                        line.number,
                        "warning",
                        "expiring-image",
                        "image link is a temporary download URL and will stop working",
                        "download the image and put it beside the digest (a page bundle) or in static/",
                    )
                )
        found += text_ids(line)  # found is this loop's own list
        for _offset, pid in sorted(found, key=lambda pair: pair[0]):
            if pid not in reading.ids:
                reading.ids.append(pid)
        if label is not None and label.field == "caption":
            _caption(reading.links, label.value)


def _add_link(links: dict[str, Link], link: Link) -> None:
    known = links.get(link.url)
    if known is None:
        links[link.url] = link
    elif known.kind in ("other", "article") and link.kind not in ("other", "article"):
        links[link.url] = Link(link.url, link.kind, known.line, known.text)


def _caption(links: dict[str, Link], value: str) -> None:
    for url, link in reversed(links.items()):
        if link.kind == "image":
            if not link.text:
                links[url] = Link(link.url, link.kind, link.line, fold_space(value))
            return


def _lead(lines: EntryLines, headline: str) -> str:
    """The headline and the first paragraph with text (the date line's own continuation first)."""
    parts = [headline]
    start = 1 if lines.dated else 0
    for index in range(start, len(lines)):
        if lines[index].text.strip():
            block = lines[index].block
            parts += [
                line.text for i, line in enumerate(lines) if line.block == block and not lines.is_date(i)
            ]
            break
    return fold_space(" ".join(parts))
