"""Run preview builds one at a time (in the build process) into rotating folders; hand finished ones
to the server."""

from __future__ import annotations

import threading
import time
import traceback
from pathlib import Path

import jinja2

from notes_site.base.errors import ContentError, NotesSiteError
from notes_site.commands.preview.options import BuildOutcome, ServeOptions
from notes_site.commands.preview.process import BuildProcess, BuildRequest
from notes_site.commands.preview.state import ServerState


def describe_error(error: BaseException, site_dir: Path) -> tuple[str, str]:
    """An exception as ``file:line: error: message`` and, for unexpected ones, its traceback."""
    if isinstance(error, ContentError):
        return str(error.diagnostic), ""
    if isinstance(error, NotesSiteError):
        return f"error: {error}", ""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = relative_to_site(error.filename or error.name or "template", site_dir)
        return f"{where}:{error.lineno}: error: {error.message}", ""
    if isinstance(error, jinja2.TemplateError):
        # Jinja rewrites tracebacks so that template frames carry the template's file and line.
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".html")]
        if frames:
            where = f"{relative_to_site(frames[-1].filename, site_dir)}:{frames[-1].lineno}"
            return f"{where}: error: {type(error).__name__}: {error}", ""
        return f"error: {type(error).__name__}: {error}", ""
    detail = "".join(traceback.format_exception(error))
    return f"error: {type(error).__name__}: {error}", detail


def relative_to_site(path: str, site_dir: Path) -> str:
    try:
        return Path(path).resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return path


class Builder:
    """Runs the preview's builds one at a time, in the build process, into rotating folders.

    Three folders take turns: a build writes the one served two builds ago (after any request
    still reading it has finished), and is served once it is complete and has no errors.
    """

    FOLDERS = 3
    """How many output folders rotate."""

    def __init__(
        self, options: ServeOptions, state: ServerState, workdir: Path, base_url: str, process: BuildProcess
    ) -> None:
        self.options = options
        self.state = state
        self.workdir = workdir
        self.base_url = base_url
        self.instance = f"{time.time_ns():x}"
        self.count = 0
        self.lock = threading.Lock()
        self.folders = [workdir / f"site-{number}" for number in range(self.FOLDERS)]
        self.process = process

    def run(self, changes: tuple[str, ...] = ()) -> BuildOutcome:
        with self.lock:
            return self._run(changes)

    def _next_folder(self) -> Path:
        """The folder served longest ago (or never), once no request is reading it."""
        served = self.state.current().root
        order = [folder for folder in self.folders if folder != served]
        folder = order[self.count % len(order)]
        self.state.wait_unused(folder, timeout=5.0)
        return folder

    def _run(self, changes: tuple[str, ...]) -> BuildOutcome:
        self.count += 1
        build_id = f"{self.instance}-{self.count}"
        started = time.perf_counter()
        folder = self._next_folder()
        self.state.begin_build()
        served_now = self.state.current().root
        spares = tuple(other for other in self.folders if other not in (folder, served_now))
        reply = self.process.build(BuildRequest(folder, served_now, self.base_url, spares))
        report = reply.report
        detail = ""
        if report is not None:
            errors = tuple(str(d) for d in report.diagnostics if d.level == "error")
        else:
            message, detail = reply.error or ("error: the build failed", "")
            errors = (message,)
        previous = self.state.current()
        # A build with errors dropped files: keep the last good one, unless there is none yet.
        served = report is not None and (not errors or previous.root is None)
        now = self.state.finish_build(folder if served else None, build_id if served else None, errors)
        outcome = BuildOutcome(
            build_id=now.build_id,
            report=report,
            errors=errors,
            changes=changes,
            seconds=time.perf_counter() - started,
            served=served,
            detail=detail,
        )
        if self.options.on_build is not None:
            self.options.on_build(outcome)
        return outcome

    def stop(self) -> None:
        """End the build process."""
        self.process.stop()
