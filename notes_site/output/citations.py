"""Papers as citation data: CSL-JSON items (for citeproc, Zotero, Pandoc) and Highwire Press tags.

One CSL item per paper, in the shape citation managers make themselves: an arXiv paper is a
preprint (CSL ``article``, publisher ``arXiv``, number ``arXiv:ID``, arXiv's own DOI
``10.48550/arXiv.ID``, as Zotero exports one); a paper known by OpenReview, the ACL Anthology
or a DOI is a ``paper-conference`` when its venue reads like a conference, an
``article-journal`` otherwise, with its DOI when it has one. Author names are split by
:mod:`notes_site.output.names`.

The Highwire Press ``citation_*`` tags are what Zotero's connector and Google Scholar read
off a paper's page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from notes_site.base.text import has_cjk
from notes_site.digest.identity import id_links, id_year
from notes_site.digest.model import Paper
from notes_site.output.bibtex import cite_key
from notes_site.output.names import csl_name

_CONFERENCE = re.compile(
    r"\b(?:conference|proceedings|workshop|symposium|neurips|nips|icml|iclr|acl|emnlp|naacl|coling|"
    r"cvpr|iccv|eccv|aaai|ijcai|kdd|sigir|www|colm|interspeech|icassp)\b",
    re.IGNORECASE,
)


def paper_title(paper: Paper) -> str:
    """The title a reference gives: English, else Chinese, else the best the digests have."""
    return paper.title_en or paper.title_zh or paper.display_title


def paper_doi(paper: Paper) -> str | None:
    """The DOI a reference gives: the paper's own, else arXiv's for an arXiv paper."""
    own = next((i.value for i in paper.ids if i.scheme == "doi"), None)
    if own:
        return own
    if paper.arxiv_id:
        return f"10.48550/arXiv.{paper.arxiv_id}"
    return None


def pdf_url(paper: Paper) -> str | None:
    """The PDF of the paper's page-naming id, when that scheme has one."""
    return next((url for _label, url, kind in id_links(paper.ids[0]) if kind == "pdf"), None)


def _issued(paper: Paper) -> list[int] | None:
    if paper.published:
        return [int(part) for part in paper.published.split("-")]
    if paper.arxiv_id:
        return [2000 + int(paper.arxiv_id[:2]), int(paper.arxiv_id[2:4])]
    for paper_id in paper.ids:
        if year := id_year(paper_id):
            return [int(year)]
    found = re.search(r"\b(?:19|20)\d{2}\b", paper.venue or "")
    return [int(found.group(0))] if found else None


def _container(venue: str) -> str:
    """A venue without the year written after it (``Nature 2021`` → ``Nature``)."""
    return re.sub(r"[\s,]*\(?\b(?:19|20)\d{2}\)?\s*$", "", venue).strip() or venue


def csl_type(paper: Paper) -> str:
    """``article`` (a preprint), ``paper-conference`` or ``article-journal``."""
    if paper.arxiv_id:
        return "article"
    if paper.ids[0].scheme == "acl" or (paper.venue and _CONFERENCE.search(paper.venue)):
        return "paper-conference"
    if paper.ids[0].scheme == "openreview" and not paper.venue:
        return "article"
    return "article-journal"


def csl_item(paper: Paper) -> dict[str, Any]:
    """The paper as one CSL-JSON item."""
    title = paper_title(paper)
    kind = csl_type(paper)
    item: dict[str, Any] = {
        "id": paper.key,
        "citation-key": cite_key(paper),
        "type": kind,
        "title": title,
        "language": "zh-CN" if has_cjk(title) else "en-US",
        "URL": id_links(paper.ids[0])[0][1],
    }
    if paper.authors:
        item["author"] = [csl_name(name) for name in paper.authors]
    if issued := _issued(paper):
        item["issued"] = {"date-parts": [issued]}
    if paper.arxiv_id:
        item.update(publisher="arXiv", number=f"arXiv:{paper.arxiv_id}")
    elif paper.venue and kind != "article":
        item["container-title"] = _container(paper.venue)
    elif paper.ids[0].scheme == "openreview":
        item["publisher"] = "OpenReview"
    if paper.ids[0].scheme == "acl":
        item["publisher"] = "Association for Computational Linguistics"
    if doi := paper_doi(paper):
        item["DOI"] = doi
    abstract = paper.abstract_en or paper.abstract_zh
    if abstract:
        item["abstract"] = abstract
    if paper.categories:
        item["keyword"] = ", ".join(paper.categories)
    return item


def csl_text(paper: Paper) -> str:
    """:func:`csl_item` as compact JSON, keys sorted (what a paper view carries)."""
    return json.dumps(csl_item(paper), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def csl_json(papers: Sequence[Paper]) -> str:
    """A CSL-JSON file: an array of items, pretty-printed, Chinese kept readable."""
    return json.dumps([csl_item(paper) for paper in papers], ensure_ascii=False, indent=2) + "\n"


def highwire_tags(paper: Paper) -> tuple[tuple[str, str], ...]:
    """The ``<meta name="citation_…">`` tags of the paper's page, in the order Google Scholar lists them."""
    tags: list[tuple[str, str]] = [("citation_title", paper_title(paper))]
    tags += [("citation_author", name) for name in paper.authors]
    issued = _issued(paper)
    if issued:
        tags.append(("citation_publication_date", "/".join(f"{part:02d}" for part in issued)))
    kind = csl_type(paper)
    if paper.venue and not paper.arxiv_id:
        name = "citation_conference_title" if kind == "paper-conference" else "citation_journal_title"
        tags.append((name, _container(paper.venue)))
    if paper.arxiv_id:
        tags.append(("citation_arxiv_id", paper.arxiv_id))
    own_doi = next((i.value for i in paper.ids if i.scheme == "doi"), None) or paper.journal_doi
    if own_doi:
        tags.append(("citation_doi", own_doi))
    if pdf := pdf_url(paper):
        tags.append(("citation_pdf_url", pdf))
    title = paper_title(paper)
    tags.append(("citation_language", "zh" if has_cjk(title) else "en"))
    if paper.categories:
        tags.append(("citation_keywords", "; ".join(paper.categories)))
    if paper.abstract_en:
        tags.append(("citation_abstract", paper.abstract_en))
    return tuple(tags)
