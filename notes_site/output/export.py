"""Export the loaded model: JSON (all of it), or the papers as BibTeX, CSL-JSON, RIS or CSV.

The JSON keeps the field names documented in the README; new fields may be added, the
documented ones do not change.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import Any

from notes_site.digest.model import Document, Entry, Link, Paper, PaperMention, Site
from notes_site.output.bibtex import bibliography
from notes_site.output.citations import csl_json
from notes_site.output.ris import ris_file


def _plain(value: Any) -> Any:
    """Front matter values as JSON-friendly data (dates as ISO 8601, as written)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _link(link: Link) -> dict[str, Any]:
    data: dict[str, Any] = {"url": link.url, "kind": link.kind, "line": link.line}
    if link.text:
        data["text"] = link.text
    return data


def entry_data(entry: Entry) -> dict[str, Any]:
    """One entry as plain data (``timestamp`` is None for an undated entry)."""
    return {
        "section": list(entry.section),
        "timestamp": entry.timestamp,
        "line": entry.line,
        "end_line": entry.end_line,
        "weekday": entry.weekday,
        "number": entry.number,
        "headline": entry.headline,
        "arxiv_ids": list(entry.arxiv_ids),
        "ids": [paper_id.key for paper_id in entry.ids],
        "links": [_link(link) for link in entry.links],
    }


def _document(document: Document) -> dict[str, Any]:
    page = document.page
    return {
        "source": page.source,
        "lang": page.lang,
        "kind": page.kind,
        "url": page.url,
        "title": page.title,
        "date": page.date.isoformat() if page.date else None,
        "front_matter": _plain(page.front_matter),
        "sections": [list(section.path) for section in document.digest.sections],
        "entries": [entry_data(entry) for entry in document.digest.entries],
    }


def _mention(mention: PaperMention) -> dict[str, Any]:
    data: dict[str, Any] = {
        "source": mention.source,
        "line": mention.line,
        "section": list(mention.section),
        "timestamp": mention.timestamp,
        "entry_line": mention.entry_line,
        "format": mention.format,
        "headline": mention.headline,
    }
    if mention.matched != "id":
        data["matched"] = mention.matched
        data["name"] = mention.name
    return data


def paper_data(paper: Paper) -> dict[str, Any]:
    """One merged paper as plain data."""
    return {
        "arxiv_id": paper.arxiv_id,
        "key": paper.key,
        "ids": [paper_id.label for paper_id in paper.ids],
        "title_en": paper.title_en,
        "title_zh": paper.title_zh,
        "authors": list(paper.authors),
        "authors_truncated": paper.authors_truncated,
        "abstract": paper.abstract,
        "abstract_zh": paper.abstract_zh,
        "abstract_en": paper.abstract_en,
        "comments": list(paper.comments),
        "venue": paper.venue,
        "code": list(paper.code),
        "links": [_link(link) for link in paper.links],
        "url": paper.url,
        "mentions": [_mention(m) for m in paper.mentions],
    }


def site_as_data(site: Site) -> dict[str, Any]:
    """The whole model as plain data: documents, papers and diagnostics."""
    return {
        "documents": [_document(d) for d in site.documents],
        "papers": [paper_data(p) for p in site.papers.values()],
        "diagnostics": [d.as_json() for d in site.diagnostics],
    }


def export_json(site: Site) -> str:
    """The model as pretty-printed JSON with Chinese kept readable."""
    return json.dumps(site_as_data(site), ensure_ascii=False, indent=2) + "\n"


def export_bibtex(site: Site) -> str:
    """Every paper as a BibTeX ``@misc`` entry, in key order (arXiv ids first), keys made unique."""
    papers = [site.papers[key] for key in sorted(site.papers)]
    return bibliography(papers)


CSV_COLUMNS = (
    "arxiv_id",
    "title_en",
    "title_zh",
    "authors",
    "authors_truncated",
    "first_seen",
    "mentions",
    "sources",
    "code",
    "url",
)
"""The columns of ``export --format csv``, one row per paper (``arxiv_id`` is empty for a paper
known only by OpenReview, ACL Anthology or a DOI; its ``url`` names it then)."""


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(text: str) -> str:
    """*text* as a spreadsheet shows it, never runs it: a cell that starts like a formula
    (``=cmd|' /C calc'!A0``, ``+``, ``-``, ``@``, a tab or line break) gets a leading ``'``,
    which is what OWASP recommends against CSV injection."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def export_csv(site: Site) -> str:
    """One row per paper: ids, titles, authors joined by ``; ``, where and when it was mentioned.

    Text from content goes through :func:`csv_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for key in sorted(site.papers):
        paper = site.papers[key]
        stamps = sorted(m.timestamp for m in paper.mentions if m.timestamp)
        writer.writerow(
            [
                paper.arxiv_id or "",
                csv_cell(paper.title_en or ""),
                csv_cell(paper.title_zh or ""),
                csv_cell("; ".join(paper.authors)),
                "true" if paper.authors_truncated else "false",
                csv_cell(stamps[0] if stamps else ""),
                len(paper.mentions),
                csv_cell("; ".join(dict.fromkeys(m.source for m in paper.mentions))),
                csv_cell("; ".join(paper.code)),
                paper.url,
            ]
        )
    return out.getvalue()


def export_csljson(site: Site) -> str:
    """Every paper as a CSL-JSON item (Zotero, Pandoc, citeproc), in key order."""
    return csl_json([site.papers[key] for key in sorted(site.papers)])


def export_ris(site: Site) -> str:
    """Every paper as a RIS record (EndNote, Zotero, Mendeley), in key order."""
    return ris_file([site.papers[key] for key in sorted(site.papers)])


EXPORTERS: dict[str, Callable[[Site], str]] = {
    "json": export_json,
    "bibtex": export_bibtex,
    "csljson": export_csljson,
    "ris": export_ris,
    "csv": export_csv,
}
"""``export --format`` name → function."""
