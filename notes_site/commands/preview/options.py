"""How a preview runs (:class:`ServeOptions`) and what each of its builds did (:class:`BuildOutcome`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

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
    site_base_url: str | None = None
    """The site's own ``baseURL``, the one ``build`` uses. When its path is the root, the preview
    builds with it too, so it shares ``build``'s cache and output, and rewrites its origin
    (``https://example.org``) to the preview's in what it sends (see :func:`preview_base`)."""
    seed: Path | None = None
    """A folder ``build`` wrote: the first preview folder starts as a copy of it, so only what
    differs is made again (None: the folder ``build`` last wrote, as the cache remembers it)."""


def preview_base(site_base_url: str | None, preview_url: str) -> tuple[str, tuple[bytes, bytes] | None]:
    """The base URL the preview builds with, and the ``(site origin, preview origin)`` its
    responses rewrite, if any.

    A site whose ``baseURL`` is at the root (``https://example.org/``, or just ``/``) is built as
    ``build`` builds it: its pages, the cache and ``build``'s output then serve the preview as
    they are, and absolute URLs (canonical links, feeds, alternates) are sent with the preview's
    origin. A site under a sub-path (``https://me.github.io/notes/``) is built for the preview's
    own address, as before.
    """
    parts = urlsplit(site_base_url or "")
    if site_base_url is None or (parts.path or "/") != "/":
        return preview_url, None
    if not (parts.scheme and parts.netloc):
        return site_base_url, None  # root-relative links, no host to rewrite
    preview = urlsplit(preview_url)
    site_origin = f"{parts.scheme}://{parts.netloc}".encode()
    return site_base_url, (site_origin, f"{preview.scheme}://{preview.netloc}".encode())
