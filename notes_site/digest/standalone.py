"""One digest file read on its own, without a site: front matter, digest, papers, diagnostics.

For the parser's fixture tests, the held-out evaluation (``scripts/evaluate_parser.py``) and
quick checks of a pasted file; a site goes through :func:`notes_site.build.load.load_site`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from notes_site.base.errors import Diagnostic
from notes_site.digest.model import Digest, Paper
from notes_site.digest.papers import collect_papers
from notes_site.digest.parser import parse_digest
from notes_site.hugo.frontmatter import split_front_matter
from notes_site.markup.markdown import create_markdown


@dataclass(frozen=True, slots=True)
class DigestFile:
    """A digest file with what the parser and the paper merge make of it."""

    source: str
    """The name the file is reported under."""
    title: str
    """Front-matter ``title`` (``""`` without one)."""
    front_matter: Mapping[str, Any]
    """The front matter as read."""
    digest: Digest
    """Sections, entries and mentions."""
    papers: Mapping[str, Paper]
    """Papers by key, merged across every file read with it."""
    diagnostics: tuple[Diagnostic, ...]
    """The parser's diagnostics, then what the merge and naming say about this file."""


def _parse(source: str, text: str, md: MarkdownIt) -> DigestFile:
    """The file with its digest; its papers and the merge's diagnostics come after every file is read."""
    front = split_front_matter(text, source)
    title = str(front.data.get("title", ""))
    digest = parse_digest(md, source, title, front.body, front.body_line)
    return DigestFile(source, title, front.data, digest, {}, digest.diagnostics)


def read_digest_texts(files: Sequence[tuple[str, str]], md: MarkdownIt | None = None) -> list[DigestFile]:
    """``(source, text)`` files read together: papers are merged (and names tied) across them all."""
    md = md or create_markdown()
    parsed = [_parse(source, text, md) for source, text in files]
    papers, found = collect_papers(parsed)
    return [
        replace(p, papers=papers, diagnostics=(*p.diagnostics, *(d for d in found if d.source == p.source)))
        for p in parsed
    ]


def read_digest_file(path: Path, md: MarkdownIt | None = None) -> DigestFile:
    """The file at *path*, reported under its file name."""
    (read,) = read_digest_texts([(path.name, path.read_text(encoding="utf-8"))], md)
    return read
