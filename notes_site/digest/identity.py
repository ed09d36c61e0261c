"""Which work a URL or a piece of text names: arXiv, OpenReview, ACL Anthology or a DOI.

Pure functions over one string at a time. A paper may carry several ids (an arXiv preprint
and its OpenReview forum); :data:`SCHEME_ORDER` says which one names the paper's page, so
``/papers/2205.14135/`` stays where it is when an OpenReview link turns up later.

Links that only wrap an arXiv paper (Hugging Face papers, alphaXiv, ar5iv, papers.cool, the
arXiv DOI ``10.48550/arXiv.ID``) map to the arXiv id, and ACL DOIs (``10.18653/v1/ID``) to
the Anthology id, so each work ends up with one record however it was linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from notes_site.digest.links import arxiv_id_from_url, arxiv_ids_in_text, unwrap_redirect

Scheme = Literal["arxiv", "openreview", "acl", "doi"]


SCHEME_ORDER: tuple[Scheme, ...] = ("arxiv", "openreview", "acl", "doi")
"""Which id names a paper's page when it has several: the first scheme in this order."""


@dataclass(frozen=True, slots=True)
class PaperId:
    """One identifier of a work, in one scheme."""

    scheme: Scheme
    """``arxiv``, ``openreview``, ``acl`` or ``doi``."""
    value: str
    """The id without version (arXiv), as OpenReview writes it, or lower-cased (ACL, DOI)."""

    @property
    def key(self) -> str:
        """The paper key and page path segment: ``2205.14135``, ``openreview/<id>``, ``doi/<doi>``."""
        return self.value if self.scheme == "arxiv" else f"{self.scheme}/{self.value}"

    @property
    def label(self) -> str:
        """How the id is shown: ``arXiv:2205.14135``, ``OpenReview:…``, ``ACL:…``, ``DOI:…``."""
        return f"{_LABELS[self.scheme]}:{self.value}"

    @property
    def rank(self) -> int:
        """Position of the scheme in :data:`SCHEME_ORDER` (lower names the page)."""
        return SCHEME_ORDER.index(self.scheme)


_LABELS: dict[Scheme, str] = {"arxiv": "arXiv", "openreview": "OpenReview", "acl": "ACL", "doi": "DOI"}


_OPENREVIEW_ID = re.compile(r"^[A-Za-z0-9_\-]{5,40}$")


# ACL Anthology ids: 2024.acl-long.1, 2023.findings-emnlp.12, and the old N19-1423 style.
_ACL_ID = r"(?P<acl>\d{4}\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d+|[A-Z]\d{2}-\d{4})"


_ACL_PATH_RE = re.compile(r"^/(?:anthology/)?" + _ACL_ID + r"(?:\.pdf|\.bib)?/?$")


# A DOI: 10.<registrant>/<suffix>; the suffix ends at white space or CJK text.
_DOI = r"(?P<doi>10\.\d{4,9}/[-._;()/:A-Za-z0-9<>]+)"


_DOI_TEXT_RE = re.compile(r"\bdoi\s*[:：]\s*" + _DOI, re.IGNORECASE)


# Publisher pages whose path holds the DOI (``dl.acm.org/doi/10.1145/…``).
_DOI_PATH_RE = re.compile(r"^/(?:doi/(?:abs/|full/|pdf/|epdf/)?|(?:article|chapter)/)" + _DOI)


_DOI_HOSTS = ("dl.acm.org", "onlinelibrary.wiley.com", "www.science.org", "link.springer.com", "pnas.org")


def _clean_doi(doi: str) -> str:
    """Drop trailing punctuation and unbalanced closing brackets; DOIs compare case-insensitively."""
    doi = unquote(doi)
    while doi and (doi[-1] in ".,;:" or (doi[-1] == ")" and doi.count(")") > doi.count("("))):
        doi = doi[:-1]
    return doi.lower()


def doi_id(doi: str) -> PaperId:
    """A DOI as an id; an arXiv or ACL DOI becomes the arXiv or Anthology id it stands for."""
    doi = _clean_doi(doi)
    arxiv = re.fullmatch(r"10\.48550/arxiv\.(\d{4}\.\d{4,5})(?:v\d+)?", doi)
    if arxiv:
        return PaperId("arxiv", arxiv.group(1))
    acl = re.fullmatch(r"10\.18653/v1/(.+)", doi)
    if acl and re.fullmatch(_ACL_ID, acl.group(1), re.IGNORECASE):
        return acl_id(acl.group(1))
    return PaperId("doi", doi)


def acl_id(value: str) -> PaperId:
    """An ACL Anthology id (old-style ids are upper-case, new ones lower-case)."""
    value = value.strip("/")
    return PaperId("acl", value.upper() if re.fullmatch(r"[A-Za-z]\d{2}-\d{4}", value) else value.lower())


def paper_id_from_url(url: str) -> PaperId | None:
    """The work a URL points to, or None.

    >>> paper_id_from_url("https://openreview.net/forum?id=hJ3Kx5XaPZ&noteId=x").key
    'openreview/hJ3Kx5XaPZ'
    """
    url = unwrap_redirect(url)
    arxiv = arxiv_id_from_url(url)
    if arxiv:
        return PaperId("arxiv", arxiv)
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[a-z0-9]…" in a regex someone wrote down: not a URL at all
        return None
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path
    if host == "openreview.net" and path.rstrip("/") in ("/forum", "/pdf", "/attachment"):
        found = parse_qs(parts.query).get("id", [""])[0]
        return PaperId("openreview", found) if _OPENREVIEW_ID.match(found) else None
    if host in ("aclanthology.org", "aclweb.org"):
        match = _ACL_PATH_RE.match(path)
        return acl_id(match.group("acl")) if match else None
    if host in ("doi.org", "dx.doi.org"):
        match = re.match("^/" + _DOI, unquote(path))
        return doi_id(match.group("doi")) if match else None
    if host == "nature.com" and path.startswith("/articles/"):
        suffix = path.removeprefix("/articles/").strip("/")
        return doi_id(f"10.1038/{suffix}") if suffix else None
    if any(host == h.removeprefix("www.") for h in _DOI_HOSTS):
        match = _DOI_PATH_RE.match(unquote(path))
        return doi_id(match.group("doi")) if match else None
    return None


def paper_ids_in_text(text: str) -> list[tuple[int, PaperId]]:
    """``(offset, id)`` for ids written in prose: ``arXiv:ID`` and ``doi:10.…`` (URLs: above)."""
    found = [(offset, PaperId("arxiv", value)) for offset, value in arxiv_ids_in_text(text)]
    found += [(m.start(), doi_id(m.group("doi"))) for m in _DOI_TEXT_RE.finditer(text)]
    return sorted(found, key=lambda pair: pair[0])


def parse_paper_id(text: str) -> PaperId | None:
    """An id as a user writes it on purpose: ``2506.10910``, ``arXiv:…``, a URL, ``doi:…``,
    ``openreview:…``, ``acl:…`` or a bare DOI (front-matter ``paper_names``, ``--arxiv``)."""
    text = text.strip()
    if re.fullmatch(r"\d{4}\.\d{4,5}(?:v\d+)?", text):
        return PaperId("arxiv", text.split("v")[0])
    if text.startswith(("http://", "https://")):
        return paper_id_from_url(text)
    scheme, _, value = text.partition(":")
    scheme = scheme.strip().lower()
    value = value.strip()
    if scheme == "arxiv" and re.fullmatch(r"\d{4}\.\d{4,5}(?:v\d+)?", value):
        return PaperId("arxiv", value.split("v")[0])
    if scheme == "openreview" and _OPENREVIEW_ID.match(value):
        return PaperId("openreview", value)
    if scheme == "acl" and re.fullmatch(_ACL_ID, value, re.IGNORECASE):
        return acl_id(value)
    doi = re.fullmatch(_DOI, value if scheme == "doi" else text)
    return doi_id(doi.group("doi")) if doi else None


def id_links(paper_id: PaperId) -> tuple[tuple[str, str, str], ...]:
    """``(label, url, kind)`` of the pages every id has: arXiv/PDF/papers.cool, OpenReview, ACL, DOI."""
    value = paper_id.value
    if paper_id.scheme == "arxiv":
        return (
            ("arXiv", f"https://arxiv.org/abs/{value}", "arxiv"),
            ("PDF", f"https://arxiv.org/pdf/{value}", "pdf"),
            ("papers.cool", f"https://papers.cool/arxiv/{value}", "arxiv"),
        )
    if paper_id.scheme == "openreview":
        return (
            ("OpenReview", f"https://openreview.net/forum?id={value}", "paper"),
            ("PDF", f"https://openreview.net/pdf?id={value}", "pdf"),
        )
    if paper_id.scheme == "acl":
        return (
            ("ACL Anthology", f"https://aclanthology.org/{value}/", "paper"),
            ("PDF", f"https://aclanthology.org/{value}.pdf", "pdf"),
        )
    return (("DOI", f"https://doi.org/{value}", "paper"),)


def id_year(paper_id: PaperId) -> str | None:
    """The year an id gives away: arXiv ``YYMM``, an Anthology ``2024.…`` or ``N19-…`` id."""
    value = paper_id.value
    if paper_id.scheme == "arxiv":
        return f"20{value[:2]}"
    if paper_id.scheme == "acl":
        if value[:4].isdigit():
            return value[:4]
        return f"{'20' if int(value[1:3]) < 60 else '19'}{value[1:3]}"
    return None
