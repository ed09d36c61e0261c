"""Reference lists pasted from a reference manager (Zotero, Mendeley, Google Scholar's "Cite",
CNKI) in APA, IEEE or GB/T 7714 style: one paragraph per work, or one numbered ``[1]`` line per
work (its continuation lines with it).

    Hochreiter, S., & Schmidhuber, J. (1997). Long short-term memory. *Neural Computation*,
    *9*(8), 1735–1780. https://doi.org/10.1162/neco.1997.9.8.1735

    Ioffe, S., & Szegedy, C. (2015). Batch normalization: Accelerating deep network training
    by reducing internal covariate shift. arXiv:1502.03167.

    [1] T. N. Kipf and M. Welling, "Semi-supervised classification with graph convolutional
    networks," in *Proc. ICLR*, 2017. [Online]. Available: https://arxiv.org/abs/1609.02907

    [1] REN S, HE K, GIRSHICK R, et al. Faster R-CNN: Towards real-time object detection with
    region proposal networks[C]//NeurIPS. 2015: 91-99. arXiv:1506.01497.

    [2] Huifeng Guo, Ruiming Tang, Yunming Ye. DeepFM: A Factorization-Machine based Neural
    Network for CTR Prediction. IJCAI 2017. https://arxiv.org/abs/1703.04247

The authors are the names as written (``Hochreiter, S.``, ``T. N. Kipf``, ``REN S``), "et al."
and ``…`` marking a list cut short; the title is the sentence after ``(year).`` (APA), the
quoted one (IEEE, Chicago, MLA; Harvard's in single quotes after ``(year)``), the one after the
year (ACL: ``A and B. 2019. Title. In …``), the one after the names (Vancouver: ``Touvron H,
Lavril T, et al. Title. arXiv …``), the one before
``[J]``/``[C]``… (GB/T) or the sentence between the names and the venue's year (a numbered list
of full names); the work is the DOI or arXiv id
on the reference, or on the writer's one-line paragraph right under it (``arXiv 1706.03762 ·
code …``; none: no block, it stays prose).
"""

from __future__ import annotations

import re

from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, add_line_links, paper_urls, text_ids
from notes_site.digest.formats.runs import reads_as_names
from notes_site.digest.labels import clean_title, is_title_text
from notes_site.digest.lines import Line
from notes_site.digest.model import PaperFormat

# ``Surname, I. I.`` (a particle or a hyphen allowed), the APA author unit.
_AUTHOR = (
    r"(?:[A-Z][\w'’-]*(?:\s+(?:van|von|de|der|den|da|di|le|la|du)\b)?(?:[\s-][A-Z][\w'’-]*)*"
    r"|[a-z]+\s+[A-Z][\w'’-]*),\s*(?:[A-Z]\.(?:[\s-]?[A-Z]\.)*)"
)

_REFERENCE_RE = re.compile(
    rf"^\s*(?P<authors>{_AUTHOR}(?:\s*,\s*(?:&\s*)?{_AUTHOR})*(?:\s*,?\s*(?:et al\.|…|\.\.\.))?)"
    r"\s*\((?P<year>(?:1[89]|20)\d\d)[a-z]?(?:,\s*[^)]*)?\)\.\s+"
    r"(?P<title>.+?[^A-Z.])[.?!]\s+(?P<rest>.*)$"
)

_AUTHOR_RE = re.compile(_AUTHOR)

_HARVARD_RE = re.compile(
    rf"^\s*(?P<authors>{_AUTHOR}(?:\s*,\s*{_AUTHOR})*(?:\s*,?\s+and\s+{_AUTHOR})?(?:\s+et al\.?)?)"
    r"\s*\((?P<year>(?:1[89]|20)\d\d)[a-z]?\)\s+['‘\"“](?P<title>[^'’\"”]{8,300}?)[,.]?['’\"”]"
)
"""Harvard (Zotero, Cite Them Right): ``He, K., Zhang, X. and Sun, J. (2016) 'Title', in …``."""

_NUMBERED_RE = re.compile(r"^\s*\[(?P<number>\d{1,3})\]\s*")
"""``[1] `` before a reference of a numbered list (IEEE, GB/T 7714)."""

_IEEE_RE = re.compile(r"^(?P<authors>[^\"“”]+?),?\s+[\"“](?P<title>[^\"“”]+?)[,，]?[\"”]")

_GBT_RE = re.compile(
    r"^(?P<authors>[A-Z][A-Za-zÀ-ÿ'’ -]*(?:,\s*[A-Z][A-Za-zÀ-ÿ'’ -]*)*?(?:,\s*(?:et al|等))?)\.\s+"
    r"(?P<title>[^\[\]]+?)\s*\[(?:J|C|M|D|R|A|P|S|N|Z|EB/OL|J/OL|C/OL)\]"
)

_QUOTED_RE = re.compile(r"^(?P<authors>[^\"“”]{3,400}?)\.\s+[\"“](?P<title>[^\"“”]{8,300}?)[.,]?[\"”]")
"""A footnote or an unnumbered list's ``A, B, C. "Title." Venue 2017. URL``."""

_ACL_RE = re.compile(
    r"^(?P<authors>(?:[^.\"“”:：]|(?<=\s[A-Z])\.){3,400}?)\.\s+(?:1[89]|20)\d\d[a-z]?\.\s+"
    r"(?P<title>[^\"“”]{8,300}?[^.\s])[.?!]\s+(?:In\b|arXiv\b|CoRR\b|Transactions\b|Journal\b)"
)
"""The ACL Anthology's citation (and the ACL style's): ``A, B, and C. 2019. Title. In Proceedings …``."""

_VANCOUVER_RE = re.compile(
    r"^(?P<authors>[A-Z][\w'’-]+ [A-Z]{1,3}(?:, [A-Z][\w'’-]+ [A-Z]{1,3})*(?:, et al)?)\.\s+"
    r"(?P<title>[^\"“”]{8,300}?[^.\s])[.?!]\s+\S"
)
"""Vancouver (Paperpile's and PubMed's default): ``Touvron H, Lavril T, et al. Title. arXiv. 2023.``"""

_PLAIN_RE = re.compile(
    r"^(?P<authors>[^.\"“”:：]{3,400}?(?:,?\s+et al)?)\.\s+(?P<title>[^\"“”]{8,300}?[^.\s])\.\s+"
    r"(?P<venue>[^.]*?(?:1[89]|20)\d\d)\b"
)
"""A numbered reference with full names and nothing quoted: ``[1] A, B, C, et al. Title. DLRS
2016. URL`` (the ACM and Springer styles many blogs copy)."""

_IEEE_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")

_CUT_RE = re.compile(r"(?:,\s*|\s)(?:et al\.?|等)$")
"""How a list of authors cut short ends."""


class Reference:
    """One reference per paragraph, when it carries a DOI or an arXiv id."""

    format: PaperFormat = "reference"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        if lines.is_date(start) or line.place.row is not None:
            return None
        number = _NUMBERED_RE.match(line.text)
        numbered = number is not None
        if (
            not numbered
            and start > 0
            and lines[start - 1].block == line.block
            and not (_whole(lines[start - 1]) and _whole(line))
        ):
            return None  # an APA reference opens its paragraph (or is a line of its own)
        end = start
        while (
            end + 1 < len(lines)
            and lines[end + 1].block == line.block
            and not (numbered and _NUMBERED_RE.match(lines[end + 1].text))
            and not (not numbered and _whole(lines[end]) and _whole(lines[end + 1]))
        ):
            end += 1
        text = " ".join(lines[i].text.strip() for i in range(start, end + 1))
        read = (
            _read(_NUMBERED_RE.sub("", text, count=1), numbered=True)
            if numbered
            else _read(_unlabelled(text))
        )
        if read is None or not is_title_text(read[0]):
            return None
        if not numbered and not any(
            paper_urls(lines[i]) or text_ids(lines[i]) for i in range(start, end + 1)
        ):
            end = _link_under(lines, end)
        return reference_block(
            lines, start, end, read, self.format, int(number.group("number")) if number else None
        )


def _whole(line: Line) -> bool:
    """Whether *line* is a whole reference by itself, with its work's id (a list pasted one
    reference per line, with no blank line between them)."""
    return bool(paper_urls(line) or text_ids(line)) and _read(_unlabelled(line.text)) is not None


_PAPER_LABEL_RE = re.compile(
    r"^[^\w\s]{0,3}\s*(?:Paper|论文|Reference|参考文献)\s*\d{0,2}\s*[:：]\s+", re.IGNORECASE
)
"""``📜 Paper 1: `` before a reference (a video's description)."""


def _unlabelled(text: str) -> str:
    """*text* without a ``Paper 1:`` label before the reference it holds."""
    return _PAPER_LABEL_RE.sub("", text, count=1)


Read = tuple[str, tuple[str, ...], bool]
"""A reference as read: its title, its authors, whether the list of authors is cut short."""


def _link_under(lines: EntryLines, end: int) -> int:
    """Where a reference with no id ends: at the writer's line right under it (the next
    paragraph, one line) when that line names exactly one work (``the anthology page is …``,
    ``arXiv 1706.03762 · code …``); else where it is."""
    after = end + 1
    if after >= len(lines) or lines.is_date(after) or lines[after].block == lines[end].block:
        return end
    if after + 1 < len(lines) and lines[after + 1].block == lines[after].block:
        return end  # a paragraph of its own, not a line about the reference
    named = {pid for _url, pid in paper_urls(lines[after])} | {pid for _offset, pid in text_ids(lines[after])}
    return after if len(named) == 1 else end


def reference_block(
    lines: EntryLines, start: int, end: int, read: Read, format: PaperFormat, number: int | None = None
) -> PaperBlock | None:
    """The block of a reference on lines *start* to *end*, read as *read*: None unless those
    lines name the work (a DOI, an arXiv id …)."""
    owned = [lines[i] for i in range(start, end + 1)]
    if not any(paper_urls(part) or text_ids(part) for part in owned):
        return None
    title, authors, truncated = read
    block = PaperBlock(lines[start].number, format)
    block.set_title(clean_title(title))
    if number is not None:
        block.number = number
    block.authors, block.authors_truncated = authors, truncated
    block.authors_line = lines[start].number
    for part in owned:
        add_line_links(block, part)
        block.take_ids((pid for _offset, pid in text_ids(part)), part.number)
    block.end = end + 1
    return block


def written_names(written: str) -> tuple[tuple[str, ...], bool]:
    """The names of an author list written ``A, B and C`` (``, et al.``/``等`` at its end: cut
    short; a first name inverted, ``Last, First, B and C``, kept whole), and whether it is cut
    short."""
    truncated = _CUT_RE.search(written) is not None
    names = tuple(name.strip() for name in _IEEE_SPLIT_RE.split(_CUT_RE.sub("", written)) if name.strip())
    if (
        len(names) >= 2
        and " " not in names[0]
        and re.fullmatch(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*", names[1])
    ):
        # Chicago and MLA invert the first name only: ``Mikolov, Tomas, Kai Chen, and Jeffrey Dean``.
        names = (f"{names[0]}, {names[1]}", *names[2:])
    return names, truncated


def _read(text: str, numbered: bool = False) -> Read | None:
    """``(title, authors, cut short)`` of one reference in APA, or (*numbered*, ``[1] …``) IEEE
    or GB/T 7714 style."""
    found = _REFERENCE_RE.match(text) or (None if numbered else _HARVARD_RE.match(text))
    if found is not None:
        written = found.group("authors")
        names = tuple(
            re.sub(r"^(?:and|&)\s+", "", match.group(0).strip()) for match in _AUTHOR_RE.finditer(written)
        )
        return found.group("title"), names, bool(re.search(r"et al\.?|…|\.\.\.$", written))
    found = (
        (_IEEE_RE.match(text) or _GBT_RE.match(text) or _PLAIN_RE.match(text))
        if numbered
        else (_QUOTED_RE.match(text) or _ACL_RE.match(text) or _VANCOUVER_RE.match(text))
    )
    if found is None:
        return None
    names, truncated = written_names(found.group("authors").strip())
    if not reads_as_names(names):
        return None
    return found.group("title").strip(), names, truncated
