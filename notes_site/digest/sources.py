"""A research assistant's report (Deep Research, Perplexity, Kimi): works named in bold in its
text, with numbered citations, and a numbered list of sources at its end::

    - **StreamingLLM**：Guangxuan Xiao 等人发现，初始几个 token 会吸收大量注意力分数 … [1]。
    **FlashAttention** 由 Tri Dao 等人提出 … 官方实现在 Dao-AILab/flash-attention 仓库[3]。
    1. arxiv.org — Efficient Streaming Language Models with Attention Sinks
    [3] GitHub - Dao-AILab/flash-attention: Fast and memory-efficient exact attention https://github.com/…
    [^3^]: YaRN: Efficient Context Window Extension of Large Language Models - arXiv

A **bold head** is a line (a list item, a paragraph) that opens with bold text naming one of
the entry's works by a short name (``prose.names_of``: ``StreamingLLM``, ``… PI）``). Its line
gives that work, when it lacks them, the authors it names (``A、B 等人提出``, ``由 X 的 A 等人提出``,
``作者为 X 的 A、B 和 C``) and a title in ``《》``; its first citation number is the work's
source, and a citation of a repository source is its code. A **source line** opens with its
number (``1.``, ``[1]``, ``[^1^]:``) and gives a title: after a site's name and a dash
(``arxiv.org — Title``), or before a site's name (``Title - arXiv``); a source line with a
paper's URL titles that paper, one without titles the work cited by its number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from notes_site.base.text import fold_space, strip_urls
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import paper_urls
from notes_site.digest.labels import clean_title, is_title_text, split_authors
from notes_site.digest.lines import Line
from notes_site.digest.links import link_kind
from notes_site.digest.prose import names_of

_CITATION_RE = re.compile(r"\[\^?(?P<number>\d{1,3})\^?\]|【(?P<number2>\d{1,3})†[^】]*】")

_SOURCE_RE = re.compile(
    r"^\s*(?:\d{1,3}[.)]\s*)?(?:\[\^?(?P<number>\d{1,3})\^?\]:?\s*)?"
    r"(?:(?P<host>(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+)\s+[—–-]\s+)?(?P<title>\S.*?)"
    r"(?:\s+[-–|]\s+(?P<site>arXiv|arxiv\.org|OpenReview|ACL Anthology|Semantic Scholar|Hugging Face))?\s*$"
)
_NUMBERED_RE = re.compile(r"^\s*(?:(?P<n>\d{1,3})[.)]\s|\[\^?(?P<m>\d{1,3})\^?\]:?\s)")

_LATIN_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}"
_NAMES = rf"{_LATIN_NAME}(?:\s*[、,，]\s*{_LATIN_NAME})*(?:\s*(?:和|与|and)\s*{_LATIN_NAME})?"
_AUTHORS_RE = re.compile(
    rf"(?:由(?!于)|作者(?:为|是))\s*(?:[^，。；、]{{1,24}}?的\s*)?(?P<a>{_NAMES})(?:\s*等人?)?"
    rf"|[：:]\s*(?P<b>{_NAMES})\s*等人?"
)


def source_fields(lines: Sequence[Line], free: list[int], works: list[PaperBlock]) -> None:
    """Give the entry's *works* what its bold heads and its numbered sources say (see the
    module docs); nothing when the entry has neither."""
    if not works:
        return
    # A numbered list's numbers are not in its lines' text: each item's is its place in the list.
    ordinals: dict[int, int] = {}
    count: dict[int, int] = {}
    for index, line in enumerate(lines):
        if line.place.item is not None and line.place.item_start:
            count[line.place.top] = count.get(line.place.top, 0) + 1
            ordinals[index] = count[line.place.top]
    with_urls = [index for index in free if paper_urls(lines[index])]
    linked: dict[int, PaperBlock] = {}
    for index in with_urls:  # the sources that name their paper first: they title it
        _source(lines[index], ordinals.get(index), works, linked, [], link=True)
    cited: dict[int, PaperBlock] = {}
    code_cites: list[tuple[PaperBlock, int]] = []
    for index in free:
        line = lines[index]
        work = _headed(line, works, linked)
        if work is None:
            continue
        text = fold_space(strip_urls(line.text))
        numbers = _numbers(line)
        if numbers:
            cited.setdefault(numbers[0], work)
            code_cites += [(work, number) for number in numbers[1:]]
        found = _AUTHORS_RE.search(text)
        if found is not None and not work.authors:
            written = re.sub(r"\s*(?:和|与)\s*", "、", found.group("a") or found.group("b"))
            names, truncated, work.authors_hidden, _affiliation = split_authors(written)
            work.authors, work.authors_line = names, line.number
            work.authors_truncated = (
                truncated or found.group(0).endswith("等") or found.group(0).endswith("等人")
            )
        titled = re.search(r"《(?P<title>[^《》]{8,300})》", text)
        if titled is not None and not work.title_en and is_title_text(titled.group("title")):
            work.set_title(clean_title(titled.group("title")))
    for index in free:
        if index not in with_urls:
            _source(lines[index], ordinals.get(index), works, cited, code_cites)


def _headed(line: Line, works: list[PaperBlock], linked: dict[int, PaperBlock]) -> PaperBlock | None:
    """The one work the bold text that opens *line* names, else the one its first citation
    names when that source links a paper (*linked*: number → work)."""
    strong = fold_space(line.strong)
    if not strong or not fold_space(line.text).lstrip("-*0123456789. ").startswith(strong[:8]):
        return None
    named = [
        work
        for work in works
        if any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", strong) for name in names_of(work))
    ]
    if len(named) == 1:
        return named[0]
    numbers = _numbers(line)
    return linked.get(numbers[0]) if not named and numbers else None


def _numbers(line: Line) -> list[int]:
    """The citation numbers on *line*, in order (``[1]``, ``【4†source】``, footnote ``[^1]``)."""
    text = fold_space(strip_urls(line.text))
    numbers = [int(m.group("number") or m.group("number2")) for m in _CITATION_RE.finditer(text)]
    return numbers + [int(label) for label in (cite.strip("^") for cite in line.cited) if label.isdigit()]


def _repository_alone(line: Line) -> bool:
    """Whether *line* is a repository's URL and nothing else."""
    return len(line.urls) == 1 and link_kind(line.urls[0].url) == "code" and not strip_urls(line.text).strip()


def _source(
    line: Line,
    ordinal: int | None,
    works: list[PaperBlock],
    cited: dict[int, PaperBlock],
    code_cites: list[tuple[PaperBlock, int]],
    link: bool = False,
) -> None:
    """Read one source line (*ordinal*: its place in a numbered list): a title for the paper it
    links or the work its number is cited for, or the code of the work that cites a
    repository by its number; with *link*, a source that links a paper goes into *cited*."""
    number_mark = _NUMBERED_RE.match(line.text)
    label = line.footnote.strip("^")
    by_place = False
    if number_mark is not None:
        number = int(number_mark.group("n") or number_mark.group("m"))
    elif label.isdigit():
        number = int(label)  # a footnote definition: ``[^3^]: Title - arXiv``
    elif ordinal is not None and (not line.urls or _repository_alone(line)):
        number, by_place = ordinal, True  # (a list item with a paper link and no number is no source)
    else:
        return
    urls = [url for url in line.urls if not url.image]
    repositories = [url.url for url in urls if link_kind(url.url) == "code"]
    if repositories and (not by_place or _repository_alone(line)):
        for work, cited_number in code_cites:
            if cited_number == number and not any(link.kind == "code" for link in work.links.values()):
                work.add_link(repositories[0], "code", line.number)
        return
    found = _SOURCE_RE.match(fold_space(strip_urls(line.text)))
    if found is None or not (found.group("host") or found.group("site") or paper_urls(line)):
        return
    if by_place and not found.group("host"):
        return  # a list item's place is its number only in a list of ``site — title`` sources
    title = clean_title(found.group("title"))
    if not is_title_text(title):
        return
    ids = {pid for _url, pid in paper_urls(line)}
    named = cited.get(number)
    targets = [work for work in works if ids & set(work.ids)] if ids else ([named] if named else [])
    if link and len(targets) == 1:
        cited[number] = targets[0]
    for work in targets:
        if not work.title_en and not work.title_zh:
            work.set_title(title)
