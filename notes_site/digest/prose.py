"""Papers cited inside a sentence, each with the fields its own clause gives.

    Also worth a look — Pangu-Weather: A 3D High-Resolution Model for Fast and Accurate Global
    Weather Forecast (https://arxiv.org/abs/2211.02556), code https://github.com/198808xc/Pangu-Weather;
    and FourCastNet: … (https://arxiv.org/abs/2202.11214), code https://github.com/NVlabs/FourCastNet.

    后来的 BERT4Rec 把单向自注意力换成双向：BERT4Rec: Sequential Recommendation with …，作者 Fei
    Sun, Jun Liu, Jian Wu 等，https://arxiv.org/abs/1904.06690 ，代码 https://github.com/FeiSun/BERT4Rec 。

A cited paper's **clause** runs from the clause mark before its link (``;``, ``；``, ``。``, a dash
between spaces, the end of the previous paper's link) to the one after it (or the next paper's
link). In it, a title in quotes is the title; else the fragment closest before the link that
reads as an English title (three words or more, most of them capitalised, or a name and a colon
first: ``TIES-Merging: Resolving …``; fragments are cut at full-width commas and colons, and at a
comma before lower-case prose). The authors are a list the clause names (``作者 A、B 等``, ``by A,
B and C``, names in brackets); the code is a repository linked after the paper's link. Nothing
else in the sentence is read: a clause with no such fragment gives its paper no title.

A sentence may also give a paper's authors by the short name its title defines, away from its
link: ``TimesNet is by A, B, C.``, ``Mooncake authors: A, B``, ``DreamerV3 的作者是 A、B``, or,
for the entry's only paper, ``Authors: A, B, C`` in the middle of a paragraph.
:func:`named_authors` finds them; :func:`give_named_authors` gives each list to the entry's one
paper whose title defines that name (``TimesNet: …``, ``… (SRFT)``, ``Mooncake: …``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from notes_site.base.text import fold_space, has_cjk
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import paper_urls, text_ids
from notes_site.digest.formats.runs import looks_like_authors
from notes_site.digest.identity import PaperId
from notes_site.digest.labels import clean_title, is_title_text, looks_like_meta, prose_authors, split_authors
from notes_site.digest.lines import Line, sentences
from notes_site.digest.links import link_kind
from notes_site.digest.names import acronyms

_CLAUSE_MARK_RE = re.compile(r"[;；。！？]|\s[—–]{1,2}\s|\s--\s|(?<![A-Z])(?<!\bal)(?<!\bet)\.(?:\s|$)")
"""Where a clause ends: a semicolon, a full stop, a dash between spaces (``Also worth a look — …``)."""

_FRAGMENT_RE = re.compile(r"[，：、]|,\s*(?=(?i:code|by|authors?|from)\b)|,\s+(?=[a-z])")
"""Where a fragment of a clause ends (``…训练：Title，作者 …``; ``Title, code …``; ``If you like
this, read Title``)."""

_LEAD_RE = re.compile(
    r"^(?:(?:and|or|also|see|plus|read|try|check out|e\.g\.|i\.e\.|cf\.|like|with)\s+)+", re.IGNORECASE
)

_QUOTED_RE = re.compile(
    r"[\"“](?P<title>[^\"“”]{8,300}?)[,.]?[\"”]|(?<![\w'])'(?P<single>[^']{8,300}?)'(?![\w'])"
    r"|《(?P<book>[A-Za-z0-9][^《》]{7,300})》"
)
"""A title in quotes inside a sentence (``the one to read: "Progress measures for …" (A, B)``,
a Weibo post's ``'Title' A, B [Lab] (2024)``, ``[CL]《Title》A, B``)."""

_AFFILIATION_TAIL_RE = re.compile(r"\s*(?:\[[^\]]*\]|[(（][^)）]*[)）]|#\S*#|\s|[(（]$)*$")
"""What may follow the names after a quoted title: ``[Stanford & Google] (2024)``, hashtags."""

_NAMED_RE = re.compile(r"^[^\s:]+(?:\s+[^\s:]+){0,3}:\s+[A-Z0-9]")
"""A title that names its method first (``TIES-Merging: Resolving …``)."""

_BRACKETED_RE = re.compile(r"[(（](?P<names>[^()（）]{4,400})[)）]")

_BY_RE = re.compile(r"\bby\s+(?P<names>[A-Z][^;；。()（）]+?)\s*(?=[(（]|$)")


def prose_citations(line: Line) -> list[tuple[PaperId, PaperBlock]]:
    """The papers *line*'s prose cites by link or id, each as a block of its clause's fields."""
    text = line.text
    cited = _cited(line)
    marks = [(found.start(), found.end()) for found in _CLAUSE_MARK_RE.finditer(text)]
    found: list[tuple[PaperId, PaperBlock]] = []
    for position, (start, end, pid, markdown_title) in enumerate(cited):
        previous_end = cited[position - 1][1] if position else 0
        next_start = cited[position + 1][0] if position + 1 < len(cited) else len(text)
        opens = max([previous_end, *(after for mark, after in marks if after <= start)])
        closes = min([next_start, *(mark for mark, _after in marks if mark >= end)])
        block = PaperBlock(line.number, "inline", ids=[pid])
        before = text[opens:start]
        if not markdown_title:
            block.set_title(_title(before))
        names = _after_title(before) or _authors(before) or _authors(text[end:closes])
        if names:
            block.authors, block.authors_truncated, _hidden, _affiliation = split_authors(names)
            block.authors_line = line.number
        for url in line.urls:
            if not url.image and end <= url.offset < closes and link_kind(url.url) == "code":
                block.add_link(url.url, "code", line.number, url.text)
        found.append((pid, block))
    return found


def _cited(line: Line) -> list[tuple[int, int, PaperId, bool]]:
    """``(start, end, id, linked by its title)`` of each paper cited on *line*, in order."""
    cited = [
        (
            url.offset,
            url.offset + len(url.text if url.markdown else url.url),
            pid,
            url.markdown and is_title_text(url.text, url.url),
        )
        for url, pid in paper_urls(line)
    ]
    for offset, pid in text_ids(line):
        end = offset + len(line.text[offset:].split(maxsplit=1)[0]) if line.text[offset:].strip() else offset
        cited.append((offset, end, pid, False))
    cited.sort(key=lambda item: item[0])
    distinct: list[tuple[int, int, PaperId, bool]] = []
    for item in cited:
        if not any(item[2] == other[2] for other in distinct):
            distinct.append(item)
    return distinct


def _title(before: str) -> str:
    """The quoted title before the link, or the fragment closest before it that reads as an
    English title, or ``""``."""
    quoted = [clean_title(_quoted(found)) for found in _QUOTED_RE.finditer(before)]
    if quoted and len(quoted[-1].split()) >= 2 and is_title_text(quoted[-1]) and not has_cjk(quoted[-1]):
        return quoted[-1]
    fragments = [fold_space(part).strip(" ,([（【") for part in _FRAGMENT_RE.split(before)]
    for fragment in reversed(fragments):
        if not fragment:
            continue
        candidate = clean_title(_LEAD_RE.sub("", fragment).rstrip(" ,(（"))
        if reads_as_title(candidate):
            return candidate
        if prose_authors(fragment) or _BY_RE.search(fragment):
            continue  # ``Title，作者 A, B 等，URL``: the title is before the author list
        break
    return ""


def _quoted(found: re.Match[str]) -> str:
    return found.group("title") or found.group("single") or found.group("book")


def _after_title(before: str) -> str | None:
    """The names right after a quoted title (``'Title' A, B, C [Lab] (2024) URL``)."""
    quotes = list(_QUOTED_RE.finditer(before))
    if not quotes:
        return None
    rest = before[quotes[-1].end() :]
    rest = rest[: _AFFILIATION_TAIL_RE.search(rest).start()].strip(" ,，")  # type: ignore[union-attr]
    return rest if rest and looks_like_authors(rest) else None


def reads_as_title(text: str) -> bool:
    """Whether *text*, standing alone, reads as an English paper title: three words or more,
    most of them capitalised (or a name and a colon first), no sentence, no metadata."""
    words = text.split()
    if len(words) < 3 or len(text) > 300 or has_cjk(text) or not is_title_text(text) or looks_like_meta(text):
        return False
    long_words = [word for word in words[1:] if len(word) > 3 and word[0].isalpha()]
    capitalised = sum(word[0].isupper() for word in long_words)
    return words[0][0].isupper() and (
        _NAMED_RE.match(text) is not None or (bool(long_words) and capitalised / len(long_words) >= 0.6)
    )


def _authors(text: str) -> str | None:
    """An author list the clause names (``作者 A、B 等``, ``by A, B and C``) that reads as names."""
    names = prose_authors(text)
    if names is None and (by := _BY_RE.search(text)) is not None:
        names = by.group("names").strip(" ,，")
    if names and looks_like_authors(names):
        return names
    # ``"Title" (A, B, C)``: the names in brackets after the title.
    return next(
        (
            found.group("names")
            for found in _BRACKETED_RE.finditer(text)
            if looks_like_authors(found.group("names"))
        ),
        None,
    )


_NAMED_AUTHORS_RE = re.compile(
    r"(?<![\w-])(?P<name>[A-Za-z][\w.+-]*[A-Za-z0-9+])(?:'s paper)?\s+(?:is|was)\s+"
    r"(?:(?:doi|arxiv)\s*:\s*\S+\s+)?(?:written\s+)?by\s+"
    r"(?P<names>[^.:;]+?)\s*(?=[.:;]\s|[.:;]?$)"
    r"|(?P<zh_name>[A-Za-z][\w.+-]*[A-Za-z0-9+])\s*的作者(?:是|为|有)\s*(?P<zh_names>[^。；]+?)\s*(?=[。；]|$)"
    r"|(?P<label_name>[A-Za-z][\w.+-]*[A-Za-z0-9+])(?:'s)?\s+authors?\s*[:：]\s*"
    r"(?P<label_names>[^.;()（）]+?)\s*(?=[.;(（]|$)"
)

_AUTHORS_SENTENCE_RE = re.compile(
    r"(?:^|(?<=[.!?])\s+)Authors?\s*[:：]\s*(?P<names>.+?)\s*(?=\.\s+[A-Z][a-z]|\.?$)"
)
"""``… Authors: A, B, C.`` as a sentence of a paragraph (not a label at the line's start)."""


def named_authors(text: str) -> list[tuple[str | None, str]]:
    """``(name, authors)`` of each author list a sentence gives by a paper's short name
    (``TimesNet is by A, B, C``), and ``(None, authors)`` for an ``Authors: …`` sentence."""
    found: list[tuple[str | None, str]] = []
    for match in _NAMED_AUTHORS_RE.finditer(text):
        name = match.group("name") or match.group("zh_name") or match.group("label_name")
        names = match.group("names") or match.group("zh_names") or match.group("label_names")
        if looks_like_authors(names) or looks_like_authors(f"{names} et al."):  # (or one author)
            found.append((name, names))
    for match in _AUTHORS_SENTENCE_RE.finditer(text):
        if match.start() > 0 and looks_like_authors(match.group("names")):
            found.append((None, match.group("names")))
    return found


def _short_names(title: str) -> list[str]:
    """The names a title gives its work: its acronyms, the word before its colon (``Mooncake: A
    KVCache-centric …``), and the initials of a capitalised name before it, or of a short
    capitalised title (``Direct Preference Optimization: …`` → DPO, ``Corrective Retrieval
    Augmented Generation`` → CRAG), and a word it coins (``… with PagedAttention``)."""
    head, colon, _rest = title.partition(":")
    words = head.split()
    initials = "".join(word[0] for word in words)
    spelled = 2 <= len(words) <= 5 and initials.isalpha() and initials.isupper()
    coined = [word for word in re.findall(r"[\w-]+", title) if _COINED_RE.fullmatch(word)]
    return [
        *acronyms(title),
        *([head.strip()] if colon and len(words) == 1 else []),
        *([initials] if spelled else []),
        *coined,
    ]


_COINED_RE = re.compile(r"[A-Z][a-z]+[A-Z][\w-]*")
"""A word a title coins, capitals inside it: ``… with PagedAttention``, ``StreamingLLM``."""


def give_named_code(lines: Sequence[Line], free: list[int], works: list[PaperBlock]) -> None:
    """A repository linked in the entry's own sentence that names one of its works by a short
    name (``LLaMA inference code: https://github.com/…``, ``DPO reference implementation: …``)
    is that work's code, when it has none yet."""
    if len(works) < 2:
        return
    names = [(work, [n for n in names_of(work) if len(n) > 1]) for work in works]

    def named(text: str) -> list[PaperBlock]:
        return [
            work
            for work, shorts in names
            if any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text) for n in shorts)
        ]

    for index in free:
        line = lines[index]
        code = [u for u in line.urls if not u.image and link_kind(u.url) == "code"]
        whole = named(line.text) if code else []
        for start, end, sentence in sentences(line) if code else ():
            inside = [u for u in code if start <= u.offset < end]
            # The sentence's one work, else the line's (``X is by A, B; code at …``).
            takers = named(sentence) or (whole if len(whole) == 1 else [])
            has_code = len(takers) == 1 and any(link.kind == "code" for link in takers[0].links.values())
            if len(takers) == 1 and inside and not has_code:
                for url in inside:
                    takers[0].add_link(url.url, "code", line.number, url.text)


def names_of(work: PaperBlock) -> list[str]:
    """The short names *work* goes by: its title's (:func:`_short_names`), its nickname, and the
    hyphenated word either opens with (``Self-Rewarding Language Models`` → Self-Rewarding)."""
    names = [*_short_names(work.title_en or ""), *([work.nickname] if work.nickname else [])]
    for text in (work.title_en, work.nickname):
        first = (text or "").split(" ", 1)[0].rstrip(":")
        if "-" in first.strip("-") and first[:1].isupper() and len(first) >= 6 and " " in (text or ""):
            names.append(first)
    return names


def give_named_authors(works: list[PaperBlock], named: list[tuple[str | None, str, int]]) -> None:
    """Give each named author list to the one work (of *works*) whose title defines its name;
    an unnamed list (``Authors: …``) goes to the entry's only work."""
    for name, names, line in named:
        if name is None:
            takers = works if len(works) == 1 else []
        else:
            takers = [work for work in works if name in names_of(work)]
        if len(takers) == 1 and not takers[0].authors:
            work = takers[0]
            work.authors, work.authors_truncated, work.authors_hidden, _affiliation = split_authors(names)
            work.authors_line = line
