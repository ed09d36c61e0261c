"""BibTeX for papers: arXiv papers in the shape arXiv's own export gives (``@misc`` with
``eprint``); papers known only by OpenReview, ACL Anthology or a DOI as ``@misc`` with their
``url`` (and ``doi``), the year from the id or the venue."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from notes_site.digest.identity import id_links, id_year
from notes_site.digest.model import Paper
from notes_site.output.names import csl_name

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


_BALANCED_BRACES = str.maketrans({**_SPECIAL, "{": r"\{", "}": r"\}"})


_UNBALANCED_BRACES = str.maketrans({**_SPECIAL, "{": r"\textbraceleft{}", "}": r"\textbraceright{}"})


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


def _escape(text: str) -> str:
    """*text* safe inside a ``{…}`` field. BibTeX counts braces even after a backslash, so ``\\}``
    would still close the field: unbalanced braces are written as ``\\textbraceleft{}``/
    ``\\textbraceright{}``, balanced ones as ``\\{``/``\\}``."""
    return text.translate(_BALANCED_BRACES if _balanced(text) else _UNBALANCED_BRACES)


def paper_year(paper: Paper) -> str:
    """The year from the paper's id (arXiv ``YYMM``, an Anthology id), else from its venue; may be empty."""
    for paper_id in paper.ids:
        if year := id_year(paper_id):
            return year
    found = re.search(r"\b(?:19|20)\d{2}\b", paper.venue or "")
    return found.group(0) if found else ""


def cite_key(paper: Paper) -> str:
    """``surname + year + first title word``, ASCII only, e.g. ``rastogi2025magistral``."""
    year = paper_year(paper)
    first = csl_name(paper.authors[0]) if paper.authors else {}
    surname = first.get("family") or first.get("literal") or "arxiv"
    word = next((w for w in re.findall(r"[A-Za-z]+", paper.title_en or "") if len(w) > 3), "")
    ascii_name = unicodedata.normalize("NFKD", surname).encode("ascii", "ignore").decode().lower()
    key = re.sub(r"[^a-z0-9]", "", f"{ascii_name or 'arxiv'}{year}{word.lower()}")
    return key if not key[0].isdigit() else f"arxiv{key}"


def paper_bibtex(paper: Paper) -> str:
    """One ``@misc`` entry; authors cut off in the digest end with ``and others``."""
    authors = " and ".join(_escape(a) for a in paper.authors)
    if paper.authors_truncated:
        authors = f"{authors} and others" if authors else "others"
    fields = [
        ("title", _escape(paper.title_en or paper.title_zh or paper.display_title)),
        ("author", authors),
        ("year", paper_year(paper)),
    ]
    if paper.arxiv_id:
        fields += [("eprint", paper.arxiv_id), ("archivePrefix", "arXiv")]
    elif paper.venue:
        fields.append(("howpublished", _escape(paper.venue)))
    fields += [("doi", _escape(i.value)) for i in paper.ids if i.scheme == "doi"]
    fields.append(("url", id_links(paper.ids[0])[0][1]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{cite_key(paper)},\n{body}\n}}\n"


def bibliography(papers: Sequence[Paper]) -> str:
    """Several entries, separated by blank lines, with unique keys."""
    return bibliography_of([(cite_key(paper), paper_bibtex(paper)) for paper in papers])


def bibliography_of(entries: Sequence[tuple[str, str]]) -> str:
    """``(cite key, entry)`` pairs made into one file; a key seen before gets ``a``, ``b`` … appended."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for key, entry in entries:
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            entry = entry.replace(f"@misc{{{key},", f"@misc{{{key}{chr(ord('a') + seen[key] - 2)},", 1)
        out.append(entry)
    return "\n".join(out)
