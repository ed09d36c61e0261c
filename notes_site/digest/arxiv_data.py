"""The arXiv data file: what ``notes-site papers fetch`` learned from the arXiv API, kept in the site.

One JSON file per paper, ``data/arxiv/<id>.json`` in the site folder, keys sorted, two-space
indent, UTF-8, one trailing newline: meant to be committed, so a fetch shows as a small diff
and two people fetching different papers never touch the same file. The build reads these
files and never the network (:mod:`notes_site.digest.enrich` fills papers from them; what the
digest itself says always wins).

A file that cannot be read is reported as ``data/arxiv/<file>:<line>: warning`` and ignored;
the next ``papers fetch`` asks for that paper again.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from notes_site.base.errors import Diagnostic

DATA_FOLDER = Path("data") / "arxiv"
"""Where the records live, relative to the site folder."""


ARXIV_ID = re.compile(r"\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}")
"""A new-style arXiv id without its version (the only kind a paper is keyed by)."""


@dataclass(frozen=True, slots=True)
class ArxivRecord:
    """One paper as the arXiv API describes it (its latest version, white space folded)."""

    id: str
    """The arXiv id without version (``2205.14135``)."""
    version: int | None
    """The latest version's number (``2`` for ``2205.14135v2``), when the API said."""
    title: str
    """The title."""
    authors: tuple[str, ...]
    """Author names, in order."""
    abstract: str
    """The abstract."""
    categories: tuple[str, ...]
    """arXiv categories, the primary one first (``cs.LG``, ``cs.CL``)."""
    published: str
    """When the first version appeared, ISO 8601 as the API gives it (``2022-05-27T17:53:09Z``)."""
    updated: str
    """When the latest version appeared, ISO 8601."""
    comment: str | None = None
    """The authors' comment (pages, figures, venue), if any."""
    journal_ref: str | None = None
    """Where the paper was published, as the authors wrote it, if any."""
    doi: str | None = None
    """The DOI of the published version, if the authors gave one (not arXiv's own DOI)."""

    @property
    def published_date(self) -> str:
        """The first version's date, ``YYYY-MM-DD``."""
        return self.published[:10]


def record_path(site_dir: Path, arxiv_id: str) -> Path:
    """Where *arxiv_id*'s record lives in the site in *site_dir*."""
    return site_dir / DATA_FOLDER / f"{arxiv_id}.json"


def record_text(record: ArxivRecord) -> str:
    """The record as its file holds it."""
    data = {key: value for key, value in asdict(record).items() if value is not None}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_record(site_dir: Path, record: ArxivRecord) -> bool:
    """Write *record*'s file (atomically); False when the file already held exactly that."""
    path = record_path(site_dir, record.id)
    text = record_text(record)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    os.replace(temporary, path)
    return True


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None


def parse_record(text: str, name: str) -> ArxivRecord:
    """The record in *text* (a file named *name*); raises ValueError saying what is wrong
    (a :class:`json.JSONDecodeError`, with its line, for broken JSON)."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("the file should hold one JSON object")
    arxiv_id = data.get("id")
    if not isinstance(arxiv_id, str) or not ARXIV_ID.fullmatch(arxiv_id) or f"{arxiv_id}.json" != name:
        raise ValueError(
            f'"id" should be the arXiv id the file is named after ({name.removesuffix(".json")})'
        )
    fields: dict[str, Any] = {"id": arxiv_id}
    for key in ("title", "abstract", "published", "updated"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f'"{key}" should be a non-empty string')
        fields[key] = value
    for key in ("authors", "categories"):
        values = _strings(data.get(key))
        if values is None:
            raise ValueError(f'"{key}" should be a list of strings')
        fields[key] = values
    for key in ("comment", "journal_ref", "doi"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{key}" should be a string')
        fields[key] = value
    version = data.get("version")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        raise ValueError('"version" should be a whole number')
    fields["version"] = version
    unknown = sorted(set(data) - {*fields, "version"})
    if unknown:
        raise ValueError(f"unknown keys {', '.join(unknown)}")
    return ArxivRecord(**fields)


def read_records(site_dir: Path) -> tuple[dict[str, ArxivRecord], list[Diagnostic]]:
    """Every record of the site by arXiv id, and a warning for each file that cannot be read."""
    folder = site_dir / DATA_FOLDER
    records: dict[str, ArxivRecord] = {}
    diagnostics: list[Diagnostic] = []
    if not folder.is_dir():
        return records, diagnostics
    for path in sorted(folder.glob("*.json")):
        source = (DATA_FOLDER / path.name).as_posix()
        line = 0
        try:
            record = parse_record(path.read_text(encoding="utf-8"), path.name)
        except json.JSONDecodeError as error:
            line, problem = error.lineno, f"not valid JSON: {error.msg}"
        except (OSError, UnicodeDecodeError, ValueError) as error:
            problem = str(error)
        else:
            records[record.id] = record
            continue
        diagnostics.append(
            Diagnostic(
                source,
                line,
                "warning",
                f"cannot read this arXiv record: {problem}",
                "fix the file, or delete it and run `notes-site papers fetch` to fetch it again",
                "bad-arxiv-record",
            )
        )
    return records, diagnostics
