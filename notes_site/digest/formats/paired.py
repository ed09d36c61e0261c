"""A labelled block that lists several papers field by field, paired by order::

    论文：《Addressing Function Approximation Error in …》（TD3）、《Soft Actor-Critic: …》（SAC）
    作者：TD3 是 Scott Fujimoto, Herke van Hoof, David Meger；SAC 是 Tuomas Haarnoja, Aurick Zhou, …
    链接：https://arxiv.org/abs/1802.09477 ；https://arxiv.org/abs/1801.01290
    代码：https://github.com/sfujim/TD3 ；https://github.com/haarnoja/sac

When a block's title line (its first line holding ``《…》``) names N titles and its link line N
papers, it is N blocks: the i-th title, link, author list (the parts between ``；``, a
``TD3 是``/``SAC:`` lead-in dropped) and code link are the i-th paper's. An author or code line
whose count is not N is left out rather than guessed.
"""

from __future__ import annotations

import re

from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, paper_urls
from notes_site.digest.labels import clean_title, split_authors
from notes_site.digest.links import link_kind

_BOOK_TITLE_RE = re.compile(r"《(?P<title>[^《》]+)》")

_PARTS_RE = re.compile(r"\s*[；;]\s*")

_LEAD_IN_RE = re.compile(r"^[A-Za-z][\w.+-]*\s*(?:是|为|[:：])\s*")
"""``TD3 是 `` before the authors of one of the papers."""


def split_paired(lines: EntryLines, block: PaperBlock, start: int) -> list[PaperBlock]:
    """*block* (read from ``lines[start]`` to ``block.end``) as one block per paper it pairs, or
    ``[block]`` when it lists one paper (or the counts do not match)."""
    titles: list[str] = []
    papers: list[tuple[str, object]] = []
    authors: list[str] = []
    code: list[str] = []
    for index in range(start, block.end):
        line, label = lines[index], lines.label(index)
        field = label.field if label is not None else None
        if not titles and field not in ("authors", "code", "abstract", "note"):
            titles = [found.group("title") for found in _BOOK_TITLE_RE.finditer(line.text)]
        if field in ("title", "paper") and len(paper_urls(line)) >= 2 and not papers:
            papers = [(url.url, pid) for url, pid in paper_urls(line)]
        if field == "authors" and label is not None:
            authors = [part for part in _PARTS_RE.split(label.value) if part]
        if field == "code":
            code = [url.url for url in line.urls if not url.image and link_kind(url.url) == "code"]
    count = len(titles)
    if count < 2 or len(papers) != count or len({pid for _url, pid in papers}) != count:
        return [block]
    pairs: list[PaperBlock] = []
    for number, (title, (url, pid)) in enumerate(zip(titles, papers, strict=True)):
        pair = PaperBlock(block.line, block.format)
        pair.set_title(clean_title(title))
        pair.add_id(pid, block.line)  # type: ignore[arg-type]
        pair.add_link(url, link_kind(url), block.line)
        if len(authors) == count:
            names, truncated, hidden, _affiliation = split_authors(_LEAD_IN_RE.sub("", authors[number]))
            pair.authors, pair.authors_truncated, pair.authors_hidden = names, truncated, hidden
            pair.authors_line = block.authors_line
        if len(code) == count:
            pair.add_link(code[number], "code", block.line)
        pair.end = block.end
        pairs.append(pair)
    return pairs
