"""Fields by paragraph: in an entry about several works, what a paragraph says belongs to the
one work it names (or, right under it, goes on with); and a post's title line above its first
block (see :mod:`notes_site.digest.entries` for the field-ownership rule these refine)."""

from __future__ import annotations

import re

from notes_site.base.text import fold_space, strip_urls
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, Label, apply_label, line_ids
from notes_site.digest.formats.runs import FURNITURE_RE, looks_like_authors
from notes_site.digest.identity import paper_id_from_url
from notes_site.digest.labels import clean_title, is_title_text, label_of, prose_authors, tagged_title
from notes_site.digest.lines import Line
from notes_site.digest.links import LinkKind, link_kind
from notes_site.digest.prose import reads_as_title

FIELDS = frozenset(
    ("authors", "affiliation", "venue", "comment", "abstract", "code", "project", "model", "note")
)
"""Labelled fields on an entry's own lines that may belong to a paper."""


_LEAD_TITLE_RE = re.compile(r"^\s*【(?P<title>[^【】]*[\u4e00-\u9fff][^【】]{5,120})】")
"""A paragraph that opens with a title in ``【】`` (a Weibo post's translated title)."""


def paragraph_fields(lines: EntryLines, free: list[int], works: list[PaperBlock]) -> None:
    """The fields on the entry's own lines of a paragraph that names exactly one of the entry's
    works (a labelled ``GitHub:`` line, a repository in prose, a ``【】`` title it opens with, an
    author list in a chat reply) are that work's: the paragraph is the block they sit in. The
    paragraph right under one that names a single work, naming none itself, goes on with it (a
    newsletter item's summary under its headline link, an OpenReview page's title and authors
    under its ``Forum:`` link): its repositories in prose and a title line over an author line are
    that work's too (its labelled lines stay the entry's); and a headline that links a repository
    alone is the code of the one work the paragraph right under it names. A repository another
    work already holds (its sentence names that work: :func:`~notes_site.digest.prose.give_named_code`)
    stays that work's."""
    order: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if not lines.is_date(index):
            order.setdefault(line.block, []).append(index)
    own = set(free)
    above: PaperBlock | None = None  # the single work the paragraph just above names
    headline_code: tuple[str, LinkKind, int, str] | None = None  # a repository headline just above
    for indices in order.values():
        named = {pid for index in indices for pid in line_ids(lines[index])}
        owners = [work for work in works if named & set(work.ids)]
        single = owners[0] if len(owners) == 1 and len(named & set(owners[0].ids)) == 1 else None
        alone = not named and len(indices) == 1 and _link_alone(lines[indices[0]])
        if named:
            owner = single
            if single is not None and headline_code is not None:
                single.add_link(*headline_code)  # ``**[Title (GitHub Repo)](repo)**`` over its paper
        else:
            owner = None if alone else above  # (a link alone: the next item's headline)
        above = single if named else None
        link = lines[indices[0]].urls[0] if alone else None
        headline_code = (
            (link.url, "code", lines[indices[0]].number, "")
            if link is not None and link_kind(link.url) == "code" and is_title_text(link.text, link.url)
            else None  # (a ``[GitHub](…)`` button under a card is the card's, not a headline)
        )
        mine = [index for index in indices if index in own]
        if owner is None or not mine:
            continue
        part = PaperBlock(lines[mine[0]].number, "inline")
        if not (owner.title_en or owner.title_zh):
            _title_over_authors(lines, mine, part)
        lead = _LEAD_TITLE_RE.match(lines[mine[0]].text)
        if (
            named
            and lead is not None
            and label_of(lines[mine[0]].text, True) is None
            and tagged_title(lead.group(0)) is None
        ):
            part.set_title(lead.group("title"))  # a Weibo post's ``【中文标题】…``
        for index in mine:
            label = lines.label(index)
            if named and label is not None and label.field in FIELDS:
                apply_label(part, lines.value_line(index), label)
            elif named and label is None and not part.authors:
                names = line_authors(lines[index].text)
                if names is not None:
                    apply_label(part, lines[index], Label("authors", names, ""))
            for url in lines[index].urls:
                if (
                    not url.image
                    and paper_id_from_url(url.url) is None
                    and link_kind(url.url) == "code"
                    and not any(url.url in work.links for work in works if work is not owner)
                ):
                    part.add_link(url.url, "code", lines[index].number, url.text)
        owner.fill(part)


def link_below(lines: EntryLines, blocks: list[PaperBlock]) -> None:
    """A block that names no work (a bold title, a title card) takes the id of the paper link
    standing alone in a paragraph right below it, the writer's paragraph about it between
    them at most (``1. **Title**`` / a paragraph / ``arxiv.org/abs/2201.11903``): that link is
    its. The paragraph between gives it an author list it names (``作者 A、B、C``)."""
    starts = {block.line for block in blocks}
    for block in blocks:
        if block.ids or not (block.title_en or block.title_zh):
            continue
        index, paragraphs = block.end, 0
        between: list[str] = []
        while index < len(lines) and not lines.is_date(index) and lines[index].number not in starts:
            line = lines[index]
            if index == block.end or line.block != lines[index - 1].block:
                paragraphs += 1
                if paragraphs > 2:
                    break
            found = line_ids(line)
            if found:
                alone = (
                    len(line.urls) == 1
                    and not strip_urls(line.text).strip("*_ ")
                    and (index + 1 >= len(lines) or lines[index + 1].block != line.block)
                )
                if alone and len(found) == 1:
                    block.add_id(found[0], line.number)
                    for text in between:
                        names = line_authors(text)
                        if names is not None and not block.authors:
                            apply_label(block, line, Label("authors", names, ""))
                break
            between.append(line.text)
            index += 1


def _title_over_authors(lines: EntryLines, indices: list[int], part: PaperBlock) -> None:
    """A title line over an author line (a button line such as ``Download PDF`` may stand
    between), as pages copied whole show them (an OpenReview forum, a conference schedule)."""
    for at, index in enumerate(indices):
        text = fold_space(lines[index].text)
        if lines.label(index) is not None or lines[index].urls or not reads_as_title(text):
            continue
        following = [fold_space(lines[i].text) for i in indices[at + 1 : at + 3]]
        while following and FURNITURE_RE.match(following[0]):
            following.pop(0)
        if following and looks_like_authors(following[0]):
            part.set_title(clean_title(text))
            apply_label(part, lines[index], Label("authors", following[0], ""))
            return


_SENTENCE_END_RE = re.compile(r"(?<![A-Z])[.。](?:\s|$)|\s[(（]")


def line_authors(text: str) -> str | None:
    """The author list a line of a paragraph gives: a sentence that names them (``authors are
    A, B, et al.``, ``By A, B and C.``), or a sentence of three names or more (``A, B, C
    (Cornell). code …``, a chat reply; ``26 heads in 7 classes. A, B, C, D.``)."""
    named = prose_authors(text)
    if named is not None and looks_like_authors(named):
        return named
    for sentence in _SENTENCE_END_RE.split(text.strip()):
        sentence = sentence.strip(" ,")
        if len(re.findall(r"[,，、]", sentence)) >= 2 and looks_like_authors(sentence):
            return sentence
    return None


def _link_alone(line: Line) -> bool:
    """A line that is one link and nothing else (a headline linked to a post)."""
    return len(line.urls) == 1 and fold_space(line.text).strip("*_ ") in (line.urls[0].url, line.urls[0].text)


def preamble_title(lines: EntryLines, free: list[int], before: int) -> str:
    """The title a tagged title line (``【论文翻译】Title``) above line *before* names, or ``""``."""
    for index in free:
        if lines[index].number >= before:
            break
        if not lines.is_date(index) and (title := tagged_title(lines[index].text)) is not None:
            return title  # (a headline names the post, not always the paper's own title)
    return ""
