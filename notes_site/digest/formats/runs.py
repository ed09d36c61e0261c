"""The two shapes most formats are made of: a run of labelled lines, and a card under a title link.

* A **run** (arXiv-daily, WeChat, Zhihu, English labels): labelled lines, across paragraphs, until
  a line that is not one of the run's labels, or a label the block already has a different value
  for (the next paper's title or link).
* A **card** (papers.cool, Hugging Face, alphaXiv): a line with a title link to the paper, then
  labelled and site-furniture lines (counters, buttons, "Submitted by"), an author list, and the
  abstract paragraph; the card ends after the abstract, or at the next card.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from notes_site.base.text import fold_space, has_cjk, strip_urls
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import (
    EntryLines,
    Label,
    add_line_links,
    apply_label,
    code_links,
    conflicts,
    paper_urls,
    prose_ids,
    text_ids,
    title_links,
)
from notes_site.digest.identity import PaperId
from notes_site.digest.labels import FORCED_KIND, clean_title, split_authors
from notes_site.digest.lines import Line, LineUrl
from notes_site.digest.model import PaperFormat

RUN_FIELDS = frozenset(
    {"title", "paper", "authors", "comment", "abstract", "code", "project", "model", "affiliation", "venue"}
    | {"note", "meta"}
)
"""Every field a run may hold."""


def is_url_line(line: Line) -> bool:
    """A line that is nothing but one URL (a paper link standing on its own)."""
    return len(line.urls) == 1 and fold_space(line.text) in (line.urls[0].url, line.urls[0].text)


OUTLINER_PROPERTY_RE = re.compile(
    r"^\s*(?:[\w\u4e00-\u9fff-]+::\s|:[\w-]+:(?:\s|$)|(?:CLOSED|SCHEDULED|DEADLINE):\s)"
)
"""A property line of an outliner's block: Logseq's and Dataview's ``tags:: #llm``, org-mode's
drawer (``:PROPERTIES:``, ``:ADDED: …``, ``:END:``) and planning line (``CLOSED: [2026-03-21 Sat]``)."""


def read_run(
    lines: EntryLines,
    start: int,
    fmt: PaperFormat,
    fields: Collection[str] = RUN_FIELDS,
    block: PaperBlock | None = None,
) -> PaperBlock:
    """The labelled run starting at ``lines[start]`` (whose label the caller has checked), into
    *block* when the caller has begun it on an earlier line (a bare title line)."""
    block = block or PaperBlock(lines[start].number, fmt)
    index = start
    prose: tuple[str, int] | None = None  # (field, paragraph) a continuation line adds to
    listed: tuple[str, int] | None = None  # (link field, paragraph) a bare URL line adds to
    titled: tuple[Line, str] | None = None  # a title's line and value, which a translation may follow
    while index < len(lines):
        line = lines[index]
        label = lines.label(index)
        if label is not None and label.field in fields:
            value = lines.value_line(index)
            if index > start and conflicts(block, value, label):
                break
            apply_label(block, value, label)
            prose = (label.field, value.block) if label.field in ("abstract", "note") else None
            listed = (label.field, value.block) if label.field in FORCED_KIND else None
            titled = (value, label.value) if label.field == "title" else None
            index = label.value_line if label.value_line is not None else index
        elif titled is not None and _translation(*titled, line):
            # ``论文标题：English Title`` over ``（中文标题）``: both are the title.
            block.set_title(translated_title(line))
            titled = None
        elif prose is not None and line.block == prose[1] and not lines.is_date(index):
            _continue(block, prose[0], line)
        elif listed is not None and line.block == listed[1] and is_url_line(line) and not paper_urls(line):
            # ``GitHub：`` over two repositories, one URL a line: both are its values.
            apply_label(block, line, Label(listed[0], line.text.strip(), ""))
        elif index > start and OUTLINER_PROPERTY_RE.match(line.text) and not paper_urls(line):
            pass  # a property the digest has no field for (Logseq's ``item-type:: [[preprint]]``)
        elif index > start and is_url_line(line) and paper_urls(line):
            if any(block.clashes(pid) for _url, pid in paper_urls(line)):
                break
            add_line_links(block, line)
        else:
            break
        index += 1
    block.end = index
    return block


def translated_title(line: Line) -> str:
    """The title a line :func:`translates` into, without its brackets."""
    return clean_title(_unbracketed(line.text))


def _unbracketed(text: str) -> str:
    text = text.strip()
    return text[1:-1].strip() if text[:1] in "(（" and text[-1:] in ")）" else text


def translates(title: str, line: Line) -> bool:
    """Whether *line* is *title* in the other language: no URL, the other script, no sentence
    (``（中文标题）`` in brackets or bare)."""
    text = _unbracketed(line.text)
    return (
        not line.urls
        and bool(text)
        and has_cjk(text) != has_cjk(title)
        and len(text) <= 300
        and not re.search(r"[。！？]$|[.!?]\s+\S", text)
    )


def _translation(title: Line, value: str, line: Line) -> bool:
    """Whether *line* is the title *value* in the other language, on the line right below it."""
    return line.block == title.block and line.number == title.number + 1 and translates(value, line)


def _continue(block: PaperBlock, field: str, line: Line) -> None:
    text = line.text.strip()
    if field == "abstract" and block.abstract is not None:
        block.abstract = f"{block.abstract}\n{text}" if text else block.abstract
    elif field == "note" and block.note is not None:
        block.note = f"{block.note} {text}".strip()
    code_links(block, line)
    prose_ids(block, line)


# Site furniture on a card: counters, buttons, dates, upvotes (``▲ 123``, ``1.2k views``).
FURNITURE_RE = re.compile(
    r"^(?:[\s·|•▲△⭐★👍❤️♥]*(?:pdf|copy|kimi|rel|upvote[sd]?|views?|likes?|stars?|comments?|bookmark|share|save|cite|chat"
    r"|\d[\d.,]*\s*[km]?|\+\d+|published on .*|submitted by .*|submitted on .*|view arxiv page|view pdf"
    r"|add to collection|collections?|community|github|project page|code|download pdf"
    r"|models citing this paper.*"
    r"|datasets citing this paper.*|spaces citing this paper.*|\d+ authors?|paper|blog|overview|resources)"
    r"[\s·|•()（）\d.,km]*)+$",
    re.IGNORECASE,
)


# A line that only announces what follows: ``Abstract``, ``摘要``, ``AI-generated summary``.
MARKER_RE = re.compile(
    r"^\s*(?P<marker>abstract|摘要|ai-generated summary|summary|overview|blog|tl;?dr)\s*$", re.I
)


_WORD = r"[A-ZÀ-Ý][\w'’.\-]*"
"""A capitalised word or an initial of a name."""

_PARTICLE = r"de|la|las|van|von|der|da|del|le|ter|den|du|bin|al|el|y"
"""The lower-case words names have (van der, de las, Agüera y Arcas)."""

# A personal name: capitalised words and initials, with the particles names have.
_NAME_RE = re.compile(rf"{_WORD}(?: (?:{_WORD}|{_PARTICLE})){{0,4}}")


# A team or company named as the author of a technical report.
_TEAM_RE = re.compile(r"[A-Z][\w.\-]*(?: [A-Z][\w.\-]*)? Team|[A-Z][\w.\-]*-AI")


def looks_like_authors(text: str) -> bool:
    """A bare line of personal names: ``Tri Dao, Daniel Y. Fu, Stefano Ermon``, ``戴亚伦、黄扬宇``, or
    a team (``Kimi Team``)."""
    names, truncated, _hidden, affiliation = split_authors(text)
    if affiliation is not None or (len(names) < 2 and not (names and truncated)):
        return len(names) == 1 and affiliation is None and _TEAM_RE.fullmatch(names[0]) is not None
    if len(re.findall(r"[,，、·•]", text)) < len(names) - 2:
        return False  # names joined by "and" alone: more likely a title
    for name in names:
        if has_cjk(name):
            if not re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", name):
                return False
        elif not _NAME_RE.fullmatch(name) or any(len(word) > 20 for word in name.split()):
            return False
    return True


def reads_as_names(names: Sequence[str]) -> bool:
    """Whether *names*, split already, read as one person's name or as a list of them (an
    author list of one is as good as a longer one here: ``Jeffrey L. Elman: Title.``)."""
    return bool(names) and looks_like_authors(", ".join(names) + (" et al." if len(names) == 1 else ""))


TitleTest = Callable[[LineUrl], bool]
"""Whether a title link points where a card of this format does (papers.cool, Hugging Face …)."""


def card_titles(line: Line, host: TitleTest) -> list[tuple[LineUrl, PaperId]]:
    """The title links of a card line: markdown links of this format's host, with title text."""
    return [(url, pid) for url, pid in title_links(line) if host(url)]


def read_card(
    lines: EntryLines, start: int, fmt: PaperFormat, host: TitleTest, *, abstract_needs_authors: bool = False
) -> PaperBlock | None:
    """The card whose title line is ``lines[start]``, or None when that line has no title link.

    *abstract_needs_authors*: take the first plain paragraph as the abstract only after an
    author line (a bare ``[Title](arxiv…)`` followed by the writer's own notes has none).
    """
    line = lines[start]
    titles = card_titles(line, host)
    if not titles or lines.is_date(start):
        return None
    block = PaperBlock(line.number, fmt)
    for url, _pid in titles:
        block.set_title(clean_title(url.text))
    add_line_links(block, line)
    last = titles[-1][0]
    rest = strip_urls(line.text[last.offset + len(last.text) :]).strip(" ,，;；.。()（）")
    rest = re.sub(r"^by\s+", "", rest)
    if rest and looks_like_authors(rest):
        # ``[Title](…) by A, B et al.``, ``[Title](…) (A, B, C)``: the authors beside the link.
        apply_label(block, line, Label("authors", rest, ""))
    return card_body(
        lines, block, start + 1, lambda i: bool(card_titles(lines[i], host)), abstract_needs_authors
    )


def card_body(
    lines: EntryLines,
    block: PaperBlock,
    index: int,
    next_card: Callable[[int], bool],
    abstract_needs_authors: bool,
) -> PaperBlock:
    """Read a card's lines after its title line into *block*, up to *next_card* or the card's end."""
    marker: str | None = None
    own = lines[index - 1].block if index > 0 else None  # the title line's paragraph
    abstract_at: int | None = None  # paragraph the abstract is read from
    paragraphs: list[int] = []  # the card's paragraphs so far (names open only its first two)
    while index < len(lines):
        line = lines[index]
        label = lines.label(index)
        text = fold_space(line.text)
        if not paragraphs or paragraphs[-1] != line.block:
            paragraphs.append(line.block)
        if (
            abstract_at is not None
            and line.block == abstract_at
            and not block.authors
            and looks_like_authors(text)
        ):
            # A line of names under the abstract, in its paragraph (arXiv feed items): the authors.
            apply_label(block, line, Label("authors", text, ""))
        elif (
            abstract_at is not None
            and line.block == abstract_at
            and (label is None or label.field == "title")
            and not next_card(index)
        ):
            block.abstract = f"{block.abstract}\n{line.text.strip()}"
            code_links(block, line)
            prose_ids(block, line)
        elif next_card(index) or lines.is_date(index):
            break
        elif label is not None:
            if label.field not in RUN_FIELDS or label.field == "title" or conflicts(block, line, label):
                break
            apply_label(block, line, label)
            if label.field == "abstract":
                abstract_at = line.block
        elif (found := MARKER_RE.match(text)) is not None:
            marker = "abstract" if found.group("marker").lower() in ("abstract", "摘要") else "skip"
        elif not text or FURNITURE_RE.match(text) or (line.urls and _only_links(line)):
            add_line_links(block, line)
        elif not block.authors and block.abstract is None and marker is None and looks_like_authors(text):
            apply_label(block, line, Label("authors", text, ""))
        elif not block.authors and len(paragraphs) <= 2 and (opening := opening_names(text)) is not None:
            # A newsletter's paragraph that opens with the authors: ``A, B and C show that …``.
            apply_label(block, line, Label("authors", opening, ""))
            if block.abstract is None and abstract_needs_authors:
                block.abstract = None  # the writer's paragraph, not the abstract
        elif not block.authors and block.abstract is None and (cited := cited_authors(text)) is not None:
            # Google Scholar: ``V Karpukhin, B Oğuz, S Min… - arXiv preprint arXiv:2004.04906, 2020``.
            apply_label(block, line, Label("authors", cited[0], ""))
            block.venue = block.venue or cited[1]
            block.take_ids((pid for _offset, pid in text_ids(line)), line.number)
        elif block.abstract is None and marker is None and not line.urls and _short(text):
            # An institution line, a date, a badge: not yet the abstract.
            if block.authors and not block.affiliation:
                block.affiliation = text
        elif (
            block.abstract is None
            and marker != "skip"
            and (marker == "abstract" or not abstract_needs_authors or block.authors)
        ):
            block.abstract = line.text.strip()
            abstract_at = line.block
            marker = None
            code_links(block, line)
            prose_ids(block, line)
        elif marker == "skip":
            skip_at = line.block
            while index + 1 < len(lines) and lines[index + 1].block == skip_at:
                index += 1
            marker = None
        elif line.block != own:
            break
        # else: the writer's words inside the card's own paragraph (a forwarded post's summary
        # between its link and its ``Code:`` line): not a field, and not the card's end.
        if abstract_at is not None and line.block != abstract_at:
            abstract_at = None
        index += 1
    block.end = index
    return block


_PERSON = rf"{_WORD}(?:\s+(?:{_WORD}|{_PARTICLE})){{1,3}}"
"""A name of two words or more, in a sentence."""

_UNNAMED = r"(?:several dozen |many |other )?(?:colleagues|co-authors|others)"

_OPENING_NAMES_RE = re.compile(
    rf"(?P<names>{_PERSON}(?:,\s+{_PERSON})*)"
    rf"(?:,?\s+and\s+(?:(?P<last>{_PERSON})|{_UNNAMED}))"
    r"\s+(?:at\s+\S+\s+)?[a-z]"
)


def opening_names(text: str) -> str | None:
    """The author list a sentence opens with (``Alexander Wei, Nika Haghtalab and Jacob
    Steinhardt name two …``, ``…, Collin Burns, Pavel Izmailov and colleagues fine-tune …``), as
    an author line (``et al.`` when the rest go unnamed), or None."""
    # At the start, or after a short lead-in (``OpenAI's superalignment team, …``).
    found = _OPENING_NAMES_RE.match(text)
    lead = re.match(r"[^,.]{1,40},\s+", text)
    if found is None and lead is not None:
        found = _OPENING_NAMES_RE.match(text, lead.end())
    if found is None:
        return None
    names = found.group("names") + (f", {found.group('last')}" if found.group("last") else " et al.")
    return names if looks_like_authors(names) else None


def cited_authors(text: str) -> tuple[str, str] | None:
    """``(authors, where)`` of a search engine's author line: the names, then the venue and year
    after `` - `` (Google Scholar: ``X Chen, H Fan… - arXiv preprint, 2020``) or `` · ``
    (Semantic Scholar: ``A, B, +8 authors, Z · ArXiv · 2023 · 612 citations``). Hidden authors
    in the middle (``+8 authors``) cut the list short."""
    for separator in (" - ", " · "):
        names, found, where = text.partition(separator)
        if found and re.search(r"\b(?:19|20)\d\d\b", where):
            shown, hidden = re.subn(r",\s*\+\s*\d+\s+(?:more\s+)?authors?\s*,", ",", names)
            if looks_like_authors(shown):
                return (f"{shown} et al." if hidden else shown), fold_space(where)
    return None


def _short(text: str) -> bool:
    """Too short to be an abstract, and not a sentence."""
    return len(text) < 80 and not re.search(r"[。！？]|[.!?](?:\s|$)", text)


def _only_links(line: Line) -> bool:
    """Whether the line's text is nothing but its link texts and buttons (``[arXiv](…) · Save · Cite``)."""
    rest = line.text
    for url in line.urls:
        # A repository written without its scheme is read as https (``base/text.py``'s ``bare_urls``).
        rest = rest.replace(url.text, "").replace(url.url, "").replace(url.url.removeprefix("https://"), "")
    # Buttons whose links were not copied (a conference page's ``[ Abstract ]``, ``[ Slides ]``).
    rest = re.sub(r"\[\s*[A-Za-z][\w ]{0,20}?\s*\]", "", rest)
    if not re.sub(r"[\s·|•/\-–—:：,，()（）\[\]*]+", "", rest):
        return True
    return FURNITURE_RE.match(rest.strip(" ·|•")) is not None  # the buttons beside the links
