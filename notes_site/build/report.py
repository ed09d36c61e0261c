"""What a build did: :class:`BuildReport`, for the summary line, ``build -v``, the preview and tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from notes_site.base.errors import Diagnostic
from notes_site.build.cache import OutputManifest

if TYPE_CHECKING:
    from notes_site.output.search import SearchReport


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the one-line summary."""

    pages: int
    """Files written (pages, feeds, static files)."""
    documents: int
    """Content pages loaded."""
    papers: int
    """Distinct papers."""
    entries: int
    """Dated entries across all documents."""
    diagnostics: tuple[Diagnostic, ...]
    """Everything the build noticed."""
    seconds: float
    """Wall time of the whole build."""
    search: SearchReport | None = None
    """The search index (pages indexed, bytes on disk, seconds); None when built without search."""
    stages: tuple[tuple[str, float], ...] = ()
    """Wall time of each stage (``discover``, ``documents``, ``papers``, ``views``, ``render`` …)."""
    rendered: int | None = None
    """Pages rendered this time (the others were unchanged); None when not counted."""
    written: int | None = None
    """Files whose bytes changed and were written; None when not counted."""
    made: int | None = None
    """Pages whose template values were made (the others were kept on what they are made
    from, ``build/pages.py``); None when not counted."""
    workers: int = 1
    """Processes the render stage ran in (1: in this process)."""
    manifest: OutputManifest | None = None
    """What the build wrote (the preview keeps it for the next build into the same folder)."""

    @property
    def errors(self) -> int:
        """How many error diagnostics (each dropped a file)."""
        return sum(d.level == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        """How many warning diagnostics."""
        return sum(d.level == "warning" for d in self.diagnostics)
