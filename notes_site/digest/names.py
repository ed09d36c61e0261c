"""Papers named without a link: tie an entry to a paper by its title or its acronym.

An entry with no id at all (a WeChat summary of a paper another digest links) is tied to a
paper when the paper's title, or an acronym its title defines (``SRFT：…``, ``… (SRFT)``),
appears in the entry's headline or first paragraph (or is the title of the entry's one
unlinked paper block), and all the names found there point at exactly one paper. A block with
no id in an entry that has ids elsewhere is tied only by its own title. Nothing is tied on an
ambiguous name; ``check`` reports every tie as info so the user can confirm it.

The user can state a tie instead: front matter ``paper_names = { "SRFT" = "2506.19767" }``
ties every entry of that document whose headline or first paragraph has the name (an id, an
``arXiv:``/``doi:``/``openreview:`` id or a URL), and ``"SRFT" = ""`` says the name is no
paper's in that document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from notes_site.base.errors import Diagnostic, Level
from notes_site.base.text import fold_space, has_cjk
from notes_site.digest.identity import PaperId, parse_paper_id
from notes_site.digest.model import Digest, Entry, MatchedBy, Paper, PaperMention

FRONT_MATTER_KEY = "paper_names"
"""The front-matter map from a name to an id."""


_ACRONYM = r"[A-Za-z][A-Za-z0-9\-+.]*[A-Za-z0-9+]"


_PREFIX_RE = re.compile(rf"^\s*({_ACRONYM})\s*[:：]")


_PARENS_RE = re.compile(rf"[(（]({_ACRONYM})[)）]")


_TOKEN_RE = re.compile(rf"(?<![A-Za-z0-9\-])({_ACRONYM})(?![A-Za-z0-9\-])")


# Short forms every other title defines: they name a field, not a paper.
_COMMON = frozenset(
    ("LLM", "LLMs", "VLM", "VLMs", "MLLM", "MLLMs", "AI", "ML", "NLP", "RL", "CV", "GPU", "API")
)


class DocumentLike(Protocol):
    """What naming needs of a document (a :class:`~notes_site.digest.model.Document`)."""

    @property
    def source(self) -> str: ...

    @property
    def digest(self) -> Digest: ...

    @property
    def front_matter(self) -> Mapping[str, Any]: ...


def acronyms(title: str) -> list[str]:
    """The short names a title defines: ``SRFT：…`` → SRFT, ``… Fine-Tuning (SRFT)`` → SRFT."""
    found = [m.group(1) for m in (_PREFIX_RE.match(title),) if m] + _PARENS_RE.findall(title)
    return [
        name
        for name in dict.fromkeys(found)
        if name not in _COMMON and (sum(c.isupper() for c in name) >= 2 or any(c.isdigit() for c in name))
    ]


def _norm(text: str) -> str:
    return fold_space(text).casefold()


def _long_enough(title: str) -> bool:
    """A whole title counts as a name when it is unlikely to be ordinary words: 3+ words or 6+ CJK."""
    return len(re.findall(r"[\u4e00-\u9fff]", title)) >= 6 if has_cjk(title) else len(title.split()) >= 3


@dataclass(slots=True)
class NameIndex:
    """Every paper's names: whole titles (case-folded) and acronyms (case kept)."""

    titles: dict[str, set[str]] = field(default_factory=dict)
    """Folded title → paper keys."""
    heads: dict[str, list[str]] = field(default_factory=dict)
    """First four characters of a folded title → the titles starting so (to scan text quickly)."""
    acronyms: dict[str, set[str]] = field(default_factory=dict)
    """Acronym → paper keys."""
    written: dict[str, str] = field(default_factory=dict)
    """Folded title → the title as the paper has it (to name it back to the user)."""

    @classmethod
    def of(cls, papers: Mapping[str, Paper]) -> NameIndex:
        index = cls()
        for key, paper in papers.items():
            for title in (paper.title_en, paper.title_zh):
                if not title:
                    continue
                for name in acronyms(title):
                    index.acronyms.setdefault(name, set()).add(key)
                if _long_enough(title):
                    folded = _norm(title)
                    if folded not in index.titles:
                        index.heads.setdefault(folded[:4], []).append(folded)
                        index.written[folded] = title
                    index.titles.setdefault(folded, set()).add(key)
        return index

    def found_in(self, text: str) -> dict[str, set[str]]:
        """Names in *text* (as written there) → the papers each may mean."""
        found: dict[str, set[str]] = {}
        for match in _TOKEN_RE.finditer(text):
            if match.group(1) in self.acronyms:
                found[match.group(1)] = self.acronyms[match.group(1)]
        folded = _norm(text)
        for start in range(len(folded)):
            for title in self.heads.get(folded[start : start + 4], ()):
                if folded.startswith(title, start):
                    found[self.written[title]] = self.titles[title]
        return found


def _stated(document: DocumentLike, notes: list[Diagnostic]) -> dict[str, PaperId | None]:
    value = document.front_matter.get(FRONT_MATTER_KEY)
    if value is None:
        return {}
    hint = f'write it as {FRONT_MATTER_KEY} = {{ "SRFT" = "2506.19767" }} (TOML) or a YAML map'
    if not isinstance(value, Mapping):
        notes.append(
            Diagnostic(
                document.source, 0, "warning", f"{FRONT_MATTER_KEY} is not a map", hint, "bad-paper-names"
            )
        )
        return {}
    stated: dict[str, PaperId | None] = {}
    for name, target in value.items():
        pid = parse_paper_id(str(target)) if target else None
        if target and pid is None:
            notes.append(
                Diagnostic(
                    document.source,
                    0,
                    "warning",
                    f"{FRONT_MATTER_KEY}: {target!r} (for {name!r}) is not a paper id",
                    'use an arXiv id, arXiv:ID, doi:…, openreview:… or a paper URL; "" for no paper',
                    "bad-paper-names",
                )
            )
            continue
        stated[str(name)] = pid
    return stated


def _has(text: str, name: str) -> bool:
    if has_cjk(name):
        return name in text
    return re.search(rf"(?<![A-Za-z0-9\-]){re.escape(name)}(?![A-Za-z0-9\-])", text) is not None


_Named = tuple[Digest, Mapping[str, Any], list[PaperMention], list[Diagnostic]]
"""A document as named: its digest and front matter, the mentions tied and the notes made."""


class NameMemo:
    """What :func:`name_mentions` keeps for its next call in a process that builds again and again.

    Naming reads, of the papers, only their keys, titles and ids; of a document, its digest and
    front matter. When the papers' keys, titles and ids are all as they were, the index is the
    same, and a document whose digest is the very same object and whose front matter is equal
    ties the same mentions (the same objects, so the merge after it finds them kept) and says
    the same things."""

    def __init__(self) -> None:
        self._names: tuple[object, ...] | None = None
        self._index: NameIndex | None = None
        self._documents: dict[str, _Named] = {}

    def index(self, papers: Mapping[str, Paper]) -> tuple[NameIndex, dict[str, _Named]]:
        """The index of *papers*, and the documents named from an equal one last time (else none)."""
        names = tuple([(key, paper.title_en, paper.title_zh, paper.ids) for key, paper in papers.items()])
        if self._index is not None and names == self._names:
            return self._index, self._documents
        self._names, self._index = names, NameIndex.of(papers)
        return self._index, {}

    def keep(self, named: dict[str, _Named]) -> None:
        """This call's documents, for the next one."""
        self._documents = named


def name_mentions(
    documents: Sequence[DocumentLike], papers: Mapping[str, Paper], memo: NameMemo | None = None
) -> tuple[list[PaperMention], list[Diagnostic]]:
    """Mentions tied by name (each with ``matched`` ``name`` or ``stated``), and what to tell the
    user; *memo* keeps what this call found for the next one (:class:`NameMemo`)."""
    index, kept = memo.index(papers) if memo is not None else (NameIndex.of(papers), {})
    named: dict[str, _Named] = {}
    mentions: list[PaperMention] = []
    notes: list[Diagnostic] = []
    for document in documents:
        before = kept.get(document.source)
        if before is not None and before[0] is document.digest and before[1] == document.front_matter:
            found, said = before[2], before[3]
        else:
            found, said = _document(document, index, papers)
        named[document.source] = (document.digest, document.front_matter, found, said)
        mentions += found
        notes += said
    if memo is not None:
        memo.keep(named)
    return mentions, notes


def _document(
    document: DocumentLike, index: NameIndex, papers: Mapping[str, Paper]
) -> tuple[list[PaperMention], list[Diagnostic]]:
    """The mentions tied by name in one document, and its notes."""
    mentions: list[PaperMention] = []
    notes: list[Diagnostic] = []
    stated = _stated(document, notes)
    used: set[str] = set()
    for entry in document.digest.entries:
        new, said = _entry(entry, index, papers, stated, used)
        mentions += new
        notes += [Diagnostic(document.source, ln, lv, msg, hint, code) for ln, lv, code, msg, hint in said]
    for name in sorted(stated.keys() - used):
        notes.append(
            Diagnostic(
                document.source,
                0,
                "warning",
                f"{FRONT_MATTER_KEY} names {name!r}, but no entry's headline or first paragraph has it",
                "check the spelling (names are matched as written), or remove it",
                "unused-paper-name",
            )
        )
    return mentions, notes


_Said = tuple[int, Level, str, str, str]
"""A diagnostic to be: line, level, code, message, hint."""


def _entry(
    entry: Entry,
    index: NameIndex,
    papers: Mapping[str, Paper],
    stated: Mapping[str, PaperId | None],
    used: set[str],
) -> tuple[list[PaperMention], list[_Said]]:
    mentions: list[PaperMention] = []
    said: list[_Said] = []
    drafts = list(entry.unidentified)
    known = {pid for mention in entry.mentions for pid in mention.ids}
    texts = [entry.lead] + [t for d in drafts for t in (d.title_en, d.title_zh) if t]
    for name, pid in stated.items():
        if any(_has(text, name) for text in texts):
            used.add(name)
            if pid is not None and pid not in known:
                known.add(pid)
                draft = drafts.pop(0) if drafts and not entry.mentions and len(drafts) == 1 else None
                mentions.append(_tie(entry, draft, pid, name, "stated"))
    blocked = {name for name, pid in stated.items() if pid is None}
    if not entry.mentions and not mentions and len(drafts) <= 1:
        found = {n: keys for text in texts for n, keys in index.found_in(text).items() if n not in blocked}
        keys = set().union(*found.values()) if found else set()
        if len(keys) == 1:
            (key,) = keys
            name = min(found, key=len)
            mentions.append(_tie(entry, drafts[0] if drafts else None, papers[key].ids[0], name, "name"))
            said.append(_tied_note(entry, papers[key], name))
            drafts = []
        elif len(keys) > 1:
            labels = ", ".join(sorted(papers[k].ids[0].label for k in keys))
            said.append(
                (
                    entry.line,
                    "info",
                    "name-ambiguous",
                    f"the entry names {', '.join(sorted(found))}, which match {len(keys)} papers ({labels}); "
                    "it is tied to none",
                    f"say which in the front matter: {FRONT_MATTER_KEY} = "
                    f'{{ "{min(found, key=len)}" = "<id>" }}, or write arXiv:ID in the entry',
                )
            )
    for draft in drafts:
        keys = set().union(
            *(index.titles.get(_norm(t), set()) for t in (draft.title_en, draft.title_zh) if t)
        )
        title = draft.title_en or draft.title_zh or ""
        if len(keys) == 1:
            (key,) = keys
            mentions.append(_tie(entry, draft, papers[key].ids[0], title, "name"))
            said.append(_tied_note(entry, papers[key], title))
        elif draft.title_en or draft.title_zh or draft.authors:
            what = title or ", ".join(draft.authors[:2])
            said.append(
                (
                    draft.line,
                    "warning",
                    "paper-without-id",
                    f"paper block {what!r} has no paper id, so it gets no paper page",
                    "add a line like 链接：https://arxiv.org/abs/2506.10910 (or an OpenReview or DOI link)",
                )
            )
    return mentions, said


def _tie(entry: Entry, draft: PaperMention | None, pid: PaperId, name: str, how: MatchedBy) -> PaperMention:
    if draft is not None:
        return replace(draft, ids=(pid,), matched=how, name=name)
    return PaperMention(
        ids=(pid,),
        source=entry.source,
        line=entry.line,
        section=entry.section,
        timestamp=entry.timestamp,
        entry_line=entry.line,
        format="inline",
        headline=entry.headline,
        matched=how,
        name=name,
    )


def _tied_note(entry: Entry, paper: Paper, name: str) -> _Said:
    title = paper.title_en or paper.title_zh or paper.key
    return (
        entry.line,
        "info",
        "matched-by-name",
        f"entry is tied to {paper.ids[0].label} ({title}) by the name {name!r}; check it is that paper",
        f'if it is not, add {FRONT_MATTER_KEY} = {{ "{name}" = "" }} to the front matter '
        "(or write the right arXiv:ID in the entry)",
    )
