"""Run preview builds one at a time into fresh folders; hand finished ones to the server."""

from __future__ import annotations

import shutil
import threading
import time
import traceback
from pathlib import Path

import jinja2

from notes_site.base.errors import ContentError, NotesSiteError
from notes_site.build.pipeline import BuildReport
from notes_site.commands.preview.options import BuildOutcome, ServeOptions
from notes_site.commands.preview.state import ServerState


def _describe(error: BaseException, site_dir: Path) -> tuple[str, str]:
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
    """Runs builds one at a time into fresh folders and hands finished ones to the state."""

    def __init__(self, options: ServeOptions, state: ServerState, workdir: Path, base_url: str) -> None:
        self.options = options
        self.state = state
        self.workdir = workdir
        self.base_url = base_url
        self.instance = f"{time.time_ns():x}"
        self.count = 0
        self.lock = threading.Lock()

    def run(self, changes: tuple[str, ...] = ()) -> BuildOutcome:
        with self.lock:
            return self._run(changes)

    def _run(self, changes: tuple[str, ...]) -> BuildOutcome:
        self.count += 1
        build_id = f"{self.instance}-{self.count}"
        out = self.workdir / f"site-{self.count}"
        started = time.perf_counter()
        report: BuildReport | None = None
        detail = ""
        self.state.begin_build()
        try:
            report = self.options.build_function(
                self.options.site_dir, out, self.options.load, base_url=self.base_url
            )
            errors = tuple(str(d) for d in report.diagnostics if d.level == "error")
        except Exception as error:  # any failure must reach the browser, not kill the server
            message, detail = _describe(error, self.options.site_dir)
            errors = (message,)
        previous = self.state.current()
        # A build with errors dropped files: keep the last good one, unless there is none yet.
        served = report is not None and (not errors or previous.root is None)
        now = self.state.finish_build(out if served else None, build_id if served else None, errors)
        self._clean(keep={now.root, previous.root})
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

    def _clean(self, keep: set[Path | None]) -> None:
        """Remove old builds; the current and the previous one stay for requests in flight."""
        for folder in self.workdir.iterdir():
            if folder not in keep and folder.name.startswith("site-"):
                shutil.rmtree(folder, ignore_errors=True)
