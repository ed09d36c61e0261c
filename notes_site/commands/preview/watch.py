"""Watch the site's folders and config files; start a build on every batch of changes."""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterable
from pathlib import Path

import watchfiles

from notes_site.base.errors import NotesSiteError
from notes_site.base.theme import builtin_templates
from notes_site.commands.preview.builder import Builder, relative_to_site
from notes_site.hugo.config import load_config
from notes_site.hugo.config_files import CONFIG_FOLDER, HUGO_ROOT_FILES, NOTES_SITE_CONFIG


def _watched(site_dir: Path) -> tuple[list[Path], list[Path]]:
    """Folders to watch recursively (content, templates, static, config, data: what ``papers fetch``
    writes) and root config files."""
    folders = [
        site_dir / "content",
        site_dir / "templates",
        site_dir / "static",
        site_dir / CONFIG_FOLDER,
        site_dir / "data",
    ]
    try:
        config, _ = load_config(site_dir)
    except NotesSiteError:
        pass  # a broken config is reported by the build; watch the usual places meanwhile
    else:
        folders += [config.content_path] + [config.language_content_path(c) for c in config.language_codes]
    folders.append(builtin_templates())
    unique = list(dict.fromkeys(f.resolve() for f in folders if f.is_dir()))
    files = [site_dir / name for name in (NOTES_SITE_CONFIG, *HUGO_ROOT_FILES)]
    return unique, files


def _stamp(files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            continue
        stamps.append((file.name, info.st_mtime_ns, info.st_size))
    return tuple(stamps)


class Watcher:
    """Watches the site on a thread and rebuilds on changes."""

    def __init__(self, site_dir: Path, builder: Builder, debounce_ms: int) -> None:
        self.site_dir = site_dir
        self.builder = builder
        self.debounce_ms = debounce_ms
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="notes-site-watch", daemon=True)

    def _loop(self) -> None:
        while not self.stop_event.is_set():
            folders, files = _watched(self.site_dir)
            stamp = _stamp(files)
            if not folders:
                self.stop_event.wait(0.5)
                if _stamp(files) != stamp:
                    self.builder.run(tuple(f.name for f in files))
                continue
            try:
                self._watch(folders, files, stamp)
            except OSError as error:
                # A watched folder vanished mid-watch (renamed, deleted): look again shortly.
                if error.errno not in (errno.ENOENT, errno.ENOTDIR):
                    raise
                self.stop_event.wait(0.5)

    def _watch(self, folders: list[Path], files: list[Path], stamp: tuple[tuple[str, int, int], ...]) -> None:
        for batch in watchfiles.watch(
            *folders,
            debounce=self.debounce_ms,
            step=20,
            rust_timeout=500,
            yield_on_timeout=True,
            stop_event=self.stop_event,
            raise_interrupt=False,
        ):
            new_stamp = _stamp(files)
            changed = sorted({relative_to_site(path, self.site_dir) for _, path in batch})
            if new_stamp != stamp:
                changed.append("config")
                stamp = new_stamp
            if changed:
                self.builder.run(tuple(changed))
            if _watched(self.site_dir)[0] != folders:
                return  # a folder appeared or the config moved the content: watch anew

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=5)
