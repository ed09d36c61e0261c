"""Front-matter ``cascade``: values an ``_index`` page hands down to the pages below it."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from typing import Any


def merge_defaults(defaults: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """``own`` over ``defaults``; ``params`` tables are merged key by key."""
    out = dict(defaults)
    for key, value in own.items():
        if key == "params" and isinstance(out.get(key), Mapping) and isinstance(value, Mapping):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _glob_match(pattern: str, value: str) -> bool:
    """Hugo-style glob: ``**`` crosses slashes, ``*`` does not (approximated with fnmatch)."""
    regex = fnmatch.translate(pattern.replace("**", "\0")).replace("\0", ".*")
    return re.match(regex, value) is not None


def cascade_entries(value: Any) -> list[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, Mapping)]
    return []


def cascade_for(entries: list[Mapping[str, Any]], path: str, kind: str, lang: str) -> dict[str, Any]:
    """Merge the cascade entries (lower-cased) that target this page."""
    out: dict[str, Any] = {}
    for entry in entries:
        target = entry.get("_target", entry.get("target"))
        if isinstance(target, Mapping):
            if "path" in target and not _glob_match(str(target["path"]), path):
                continue
            if "kind" in target and not _glob_match(str(target["kind"]), kind):
                continue
            if "lang" in target and not _glob_match(str(target["lang"]), lang):
                continue
        values = {k: v for k, v in entry.items() if k not in ("_target", "target")}
        out = merge_defaults(out, values)
    return out
