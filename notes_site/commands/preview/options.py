"""How a preview runs (:class:`ServeOptions`) and what each of its builds did (:class:`BuildOutcome`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from notes_site.build.pipeline import build
from notes_site.build.report import BuildReport
from notes_site.hugo.page import LoadOptions

BuildFunction = Callable[..., BuildReport]
"""The signature of :func:`notes_site.build.build`."""


@dataclass(frozen=True, slots=True)
class BuildOutcome:
    """What one build of the preview did, for the terminal."""

    build_id: str
    """Id of the build now served (``""`` while no build has succeeded)."""
    report: BuildReport | None
    """The build's report; None when the build raised."""
    errors: tuple[str, ...]
    """Error messages as ``file:line: error: message``; empty for a good build."""
    changes: tuple[str, ...]
    """The changed files that started this build (empty for the first build)."""
    seconds: float
    """Wall time of the build."""
    served: bool
    """Whether this build is now the one served."""
    detail: str = ""
    """The traceback when the build failed with an unexpected exception (a bug to report)."""


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """How to run the preview."""

    site_dir: Path
    """The site folder."""
    load: LoadOptions = field(default_factory=LoadOptions)
    """Drafts, future and expired pages."""
    bind: str = "127.0.0.1"
    """Address to listen on."""
    port: int = 1313
    """Port to listen on; 0 picks any free port."""
    next_ports: int = 0
    """How many following ports to try when *port* is busy (0: a busy port is an error)."""
    debounce_ms: int = 50
    """How long the watcher gathers changes before it starts a build."""
    on_build: Callable[[BuildOutcome], None] | None = None
    """Called after every build (the command line prints the summary and the errors)."""
    build_function: BuildFunction = build
    """The build to run (tests slow it down to watch requests wait)."""
    search: bool = True
    """Make the search index after each good build, in the background."""
