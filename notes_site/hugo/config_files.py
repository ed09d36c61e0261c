"""Find and read a site's config files, merged the way Hugo merges them.

Hugo looks for one root file, first found of ``hugo.toml``, ``hugo.yaml``, ``hugo.yml``,
``hugo.json``, ``config.toml``, ``config.yaml``, ``config.yml``, ``config.json``, and merges the
files of ``config/_default/`` on top, then those of ``config/production/`` (the environment
``hugo`` builds for) (``params.toml`` is the ``params`` key, ``languages.toml`` the
``languages`` key, ``menus.en.toml`` the ``menus`` key of language ``en``; ``hugo.toml``
in the folder is a root file). Keys are lower-cased as they are read. ``notes-site.toml``,
when present, is the only file read."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli
import yaml

from notes_site.base.errors import ContentError, Diagnostic
from notes_site.hugo.bounded import TooLargeError, load_yaml, parse_bounded
from notes_site.hugo.values import lower_keys

NOTES_SITE_CONFIG = "notes-site.toml"


HUGO_ROOT_FILES = tuple(
    f"{name}.{ext}" for name in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")
)


CONFIG_FOLDER = Path("config") / "_default"


ENVIRONMENT_FOLDER = Path("config") / "production"
"""What ``hugo`` (a build, not ``hugo server``) merges over ``config/_default/``."""


_CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")


# snake_case spellings accepted in notes-site.toml (compared after lower-casing and dropping "_").
_ALIASES = {
    "defaultlanguage": "defaultcontentlanguage",
    "defaultlanguageinsubdir": "defaultcontentlanguageinsubdir",
    "name": "languagename",
}


def _rel(path: Path, site_dir: Path) -> str:
    try:
        return path.relative_to(site_dir).as_posix()
    except ValueError:
        return path.as_posix()


def _config_error(source: str, line: int, message: str, hint: str) -> ContentError:
    return ContentError(Diagnostic(source, line, "error", message, hint, "bad-config"))


def _parse_file(path: Path, source: str) -> dict[str, Any]:
    """Parse one TOML/YAML/JSON config file; syntax errors raise ContentError with the line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _config_error(source, 0, f"cannot read config file: {exc}", "save it as UTF-8 text") from exc
    try:
        if path.suffix == ".toml":
            value: Any = parse_bounded(tomli.loads, text)
        elif path.suffix in (".yaml", ".yml"):
            value = load_yaml(text, yaml.SafeLoader)
        else:
            value = parse_bounded(json.loads, text) if text.strip() else {}
    except TooLargeError as exc:
        raise _config_error(source, exc.line + 1, exc.message, exc.hint) from exc
    except tomli.TOMLDecodeError as exc:
        message = f"TOML config does not parse: {exc.msg}"
        raise _config_error(source, exc.lineno or 0, message, 'check "key = value" syntax here') from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc)
        raise _config_error(
            source, line, f"YAML config does not parse: {problem}", "check indentation and quoting here"
        ) from exc
    except json.JSONDecodeError as exc:
        raise _config_error(
            source, exc.lineno, f"JSON config does not parse: {exc.msg}", "check commas and quotes here"
        ) from exc
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _config_error(source, 1, "config file is not a table of keys", "write key = value pairs")
    return value


def _merge(base: dict[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    """Deep merge: tables merge key by key, anything else in ``top`` replaces ``base``."""
    out = dict(base)
    for key, value in top.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, Mapping):
            out[key] = _merge(old, value)
        else:
            out[key] = value
    return out


@dataclass(frozen=True, slots=True)
class RawConfig:
    """Merged, lower-cased config data and where each root key came from."""

    data: dict[str, Any]
    """The merged config."""
    origin: dict[str, str]
    """Root key → config file (relative to the site folder) that set it last."""
    files: tuple[str, ...]
    """Files read, in merge order."""


def _folder_entry(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """Where a ``config/_default/<name>[.<lang>].<ext>`` file's data belongs in the root config."""
    parts = path.stem.lower().split(".")
    if parts[0] in ("hugo", "config") and len(parts) == 1:
        return data
    if len(parts) == 2 and parts[0] == "languages":
        return {"languages": {parts[1]: data}}  # languages.en.toml: language en's own settings
    if len(parts) == 2:
        return {"languages": {parts[1]: {parts[0]: data}}}
    return {parts[0]: data}


def read_config_files(site_dir: Path) -> RawConfig | None:
    """Read notes-site.toml, or Hugo's root file plus config/_default/; None when there is none."""
    data: dict[str, Any] = {}
    origin: dict[str, str] = {}
    files: list[str] = []

    def add(path: Path, entry: dict[str, Any]) -> None:
        source = _rel(path, site_dir)
        lowered = lower_keys(entry)
        nonlocal data
        data = _merge(data, lowered)
        for key in lowered:
            origin[key] = source
        files.append(source)

    notes = site_dir / NOTES_SITE_CONFIG
    if notes.is_file():
        raw = _parse_file(notes, NOTES_SITE_CONFIG)
        add(notes, _normalise_notes_keys(raw))
        return RawConfig(data, origin, tuple(files))
    for name in HUGO_ROOT_FILES:
        path = site_dir / name
        if path.is_file():
            add(path, _parse_file(path, name))
            break
    for folder in (site_dir / CONFIG_FOLDER, site_dir / ENVIRONMENT_FOLDER):
        if not folder.is_dir():
            continue
        entries = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in _CONFIG_SUFFIXES)
        # The folder's root file goes first so the named files merge onto it.
        entries.sort(key=lambda p: (p.stem.lower() not in ("hugo", "config"), p.name))
        for path in entries:
            add(path, _folder_entry(path, _parse_file(path, _rel(path, site_dir))))
    if not files:
        return None
    return RawConfig(data, origin, tuple(files))


def _normalise_notes_keys(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Accept snake_case spellings (``base_url``, ``default_language``) in notes-site.toml."""

    def norm(key: str) -> str:
        flat = key.lower().replace("_", "")
        return _ALIASES.get(flat, flat)

    out: dict[str, Any] = {norm(str(key)): value for key, value in raw.items()}
    languages = out.get("languages")
    if isinstance(languages, Mapping):
        out["languages"] = {
            code: ({norm(str(k)): v for k, v in table.items()} if isinstance(table, Mapping) else table)
            for code, table in languages.items()
        }
    return out


def config_key_line(site_dir: Path, source: str, key: str) -> int:
    """Best-effort line of ``key`` in a config file (0 when not found)."""
    try:
        text = (site_dir / source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 0
    match = re.search(rf"^\s*\[?\"?{re.escape(key)}\b", text, re.IGNORECASE | re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 0
