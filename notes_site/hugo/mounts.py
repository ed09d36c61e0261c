"""``module.mounts`` that map folders onto ``content/``, as Hugo's module config does.

A site can mount any folder into the content tree (``[[module.mounts]] source = "docs"
target = "content"``, or ``target = "content/guide"`` for a sub-folder, optionally for one
``lang``). As in Hugo, once a site mounts anything onto ``content``, the default
``contentDir`` is no longer read unless it is mounted too. Mounts of other components
(``static``, ``layouts``, ``assets`` …) do not concern content and are left alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ContentMount:
    """One folder mounted into the content tree."""

    source: str
    """The mounted folder, relative to the site folder (``docs``)."""
    target: str
    """Where its files appear inside the content tree, posix, ``""`` for the root (``guide``)."""
    lang: str | None = None
    """The language the mount's files belong to; None for the default rule (suffix or default)."""


def content_mounts(raw: Mapping[str, Any]) -> tuple[ContentMount, ...]:
    """The content mounts of a (lower-cased) root config; ``()`` when there are none."""
    module = raw.get("module")
    mounts = module.get("mounts") if isinstance(module, Mapping) else None
    if not isinstance(mounts, list):
        return ()
    found: list[ContentMount] = []
    for mount in mounts:
        if not isinstance(mount, Mapping):
            continue
        source = str(mount.get("source", "")).strip().strip("/")
        target = str(mount.get("target", "")).strip().strip("/")
        if not source or (target != "content" and not target.startswith("content/")):
            continue
        lang = str(mount.get("lang") or "").lower() or None
        found.append(ContentMount(source, target[len("content") :].strip("/"), lang))
    return tuple(found)
