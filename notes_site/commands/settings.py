"""Command settings: the ``[build]``, ``[serve]`` and ``[papers]`` tables of ``notes-site.toml``.

Precedence, lowest first: built-in defaults, ``notes-site.toml``, the environment
(``NOTES_SITE_BASE_URL``, ``NOTES_SITE_ARXIV_API``), command-line flags. Hugo config files
carry no such tables: a Hugo site sets these with flags. Unknown keys and values of the wrong type are usage
errors (exit 2), so a typo never goes unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import tomli

from notes_site.base.errors import UsageError
from notes_site.hugo.config_files import NOTES_SITE_CONFIG


@dataclass(frozen=True, slots=True)
class BuildSettings:
    """``[build]``: defaults for ``notes-site build``."""

    output: str = "public"
    """Output folder, relative to the site folder."""
    base_url: str | None = None
    """Replaces the config's ``baseURL`` (the environment and ``--base-url`` win over it)."""
    drafts: bool = False
    """Include drafts."""
    future: bool = False
    """Include pages dated in the future."""
    expired: bool = False
    """Include expired pages."""
    strict: bool = False
    """Fail the build on warnings."""


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """``[serve]``: defaults for ``notes-site serve``."""

    bind: str = "127.0.0.1"
    """Address to listen on; loopback unless you mean to share the preview."""
    port: int = 1313
    """Port to listen on; setting it here makes a busy port an error, like ``--port``."""
    drafts: bool = False
    """Include drafts."""
    future: bool = False
    """Include pages dated in the future."""
    expired: bool = False
    """Include expired pages."""


ARXIV_API = "https://export.arxiv.org/api/query"
"""The arXiv API's query endpoint."""


ARXIV_INTERVAL = 3.0
"""Seconds between two requests to the arXiv API, as arXiv asks."""


@dataclass(frozen=True, slots=True)
class PapersSettings:
    """``[papers]``: defaults for ``notes-site papers fetch``."""

    arxiv_api: str = ARXIV_API
    """The arXiv API's query URL (env ``NOTES_SITE_ARXIV_API``, ``--api``)."""
    interval: float = ARXIV_INTERVAL
    """Seconds between requests; less than 3 only for an API on this machine."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Both tables, plus which ``[serve]`` keys the file set explicitly."""

    build: BuildSettings = BuildSettings()
    """``[build]``."""
    serve: ServeSettings = ServeSettings()
    """``[serve]``."""
    serve_keys: frozenset[str] = frozenset()
    """Keys present in ``[serve]`` (a configured port is not silently replaced by another)."""
    papers: PapersSettings = PapersSettings()
    """``[papers]``."""


_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "bool": (bool,),
    "int": (int,),
    "float": (int, float),
    "str | None": (str,),
}


def _table(raw: dict[str, Any], name: str, cls: type[Any]) -> tuple[dict[str, Any], frozenset[str]]:
    table = raw.get(name, {})
    if not isinstance(table, dict):
        raise UsageError(f"{NOTES_SITE_CONFIG}: [{name}] must be a table")
    known = {field.name: str(field.type) for field in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            names = ", ".join(sorted(known))
            raise UsageError(f"{NOTES_SITE_CONFIG}: unknown key {key!r} in [{name}]; known keys: {names}")
        expected = _TYPES[known[key]]
        # bool is an int in Python; a port of `true` is still wrong.
        if not isinstance(value, expected) or (int in expected and isinstance(value, bool)):
            raise UsageError(
                f"{NOTES_SITE_CONFIG}: [{name}] {key} should be {known[key].split(' |')[0]}, not {value!r}"
            )
        values[key] = value
    return values, frozenset(values)


def load_settings(site_dir: Path) -> Settings:
    """Read ``[build]``, ``[serve]`` and ``[papers]`` from ``SITE/notes-site.toml``; defaults when absent."""
    path = site_dir / NOTES_SITE_CONFIG
    if not path.is_file():
        return Settings()
    try:
        raw = tomli.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        # The site loader reports a broken config with its line; settings just stay default.
        return Settings()
    build_values, _ = _table(raw, "build", BuildSettings)
    serve_values, serve_keys = _table(raw, "serve", ServeSettings)
    papers_values, _ = _table(raw, "papers", PapersSettings)
    return Settings(
        BuildSettings(**build_values),
        ServeSettings(**serve_values),
        serve_keys,
        PapersSettings(**papers_values),
    )
