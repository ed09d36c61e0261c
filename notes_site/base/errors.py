"""Diagnostics and error types.

Every problem notes-site reports about content is a :class:`Diagnostic`: it knows
the file (relative to the site folder's content directory), the 1-based line, a
message and, where we can tell, what to do about it. Diagnostics print the way
compilers print them: ``path:line: level: message — hint``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One thing the loader or parser noticed, tied to a place in the content."""

    source: str
    """File the problem is in, relative to the content folder (or the site folder for config files)."""
    line: int
    """1-based line number in that file; 0 when the problem concerns the whole file."""
    level: Level
    """``error`` drops the file from the site, ``warning`` keeps it, ``info`` is advice."""
    message: str
    """What is wrong, in one sentence."""
    hint: str | None = None
    """What to do about it, when we can tell."""
    code: str = ""
    """A stable kebab-case name for the kind of problem (``expiring-image``), for tests and filters."""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        text = f"{where}: {self.level}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def as_json(self) -> dict[str, object]:
        """The diagnostic as a plain dict for ``export`` and ``check --format json``."""
        data: dict[str, object] = {
            "source": self.source,
            "line": self.line,
            "level": self.level,
            "message": self.message,
        }
        if self.hint:
            data["hint"] = self.hint
        if self.code:
            data["code"] = self.code
        return data


class NotesSiteError(Exception):
    """Base class for errors that end a command with a clear message instead of a traceback."""

    exit_code = 1


class ContentError(NotesSiteError):
    """A problem in a content or config file that stops the file (or the build) from loading."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


class UsageError(NotesSiteError):
    """The command was called wrongly (missing folder, bad option value)."""

    exit_code = 2
