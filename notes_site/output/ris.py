"""RIS for papers (``export --format ris``): the tagged format EndNote, Zotero, Mendeley and JabRef import.

Each record is made from the paper's CSL item (:mod:`notes_site.output.citations`), so the two
formats say the same: an arXiv preprint is ``UNPB`` (unpublished work) with its arXiv number
and DOI, a conference paper ``CPAPER`` with its venue as ``T2``, a journal article ``JOUR``
with its venue as ``JO``. Every value is one line (white space folded), as RIS requires.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from notes_site.digest.model import Paper
from notes_site.output.citations import csl_item, pdf_url

RIS_TYPES = {"article": "UNPB", "paper-conference": "CPAPER", "article-journal": "JOUR"}
"""CSL type → RIS ``TY``."""


def _name(name: Mapping[str, str]) -> str:
    """``Family, Given[, Suffix]`` (particles before the family name), or the name as written."""
    if "literal" in name:
        return name["literal"]
    family = " ".join(part for part in (name.get("non-dropping-particle"), name["family"]) if part)
    return ", ".join(part for part in (family, name.get("given"), name.get("suffix")) if part)


def _tags(paper: Paper, item: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    kind = RIS_TYPES.get(str(item["type"]), "GEN")
    yield "TY", kind
    yield "ID", str(item["citation-key"])
    yield "TI", str(item["title"])
    for name in item.get("author", ()):
        yield "AU", _name(name)
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        yield "PY", str(parts[0])
        yield "DA", "/".join(f"{part:02d}" for part in parts) + "/" * (4 - len(parts))
    if "container-title" in item:
        yield ("JO" if kind == "JOUR" else "T2"), str(item["container-title"])
    if "publisher" in item:
        yield "PB", str(item["publisher"])
    if "number" in item:
        yield "M1", str(item["number"])
    if paper.arxiv_id:
        yield "M3", "Preprint"
    if "abstract" in item:
        yield "AB", str(item["abstract"])
    for category in paper.categories:
        yield "KW", category
    if "DOI" in item:
        yield "DO", str(item["DOI"])
    yield "UR", str(item["URL"])
    if pdf := pdf_url(paper):
        yield "L1", pdf
    if paper.title_zh and paper.title_zh != item["title"]:
        yield "TT", paper.title_zh
    yield "LA", "zh" if str(item["language"]).startswith("zh") else "en"


def paper_ris(paper: Paper) -> str:
    """One RIS record, ending with ``ER  -``."""
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in _tags(paper, csl_item(paper))]
    return "\n".join([*lines, "ER  - "]) + "\n"


def ris_file(papers: Sequence[Paper]) -> str:
    """Several records, separated by blank lines."""
    return "\n".join(paper_ris(paper) for paper in papers)
