"""What a page kind says about each of its files: which file, and how to make it.

A :class:`PageTask` names one output file (its path, its kind, its language and the item it
shows); the kind's maker turns it into a :class:`TemplatePage` (a template and the values it
is rendered with) or a :class:`DataFile` (bytes made directly). Tasks are cheap to list, so
the whole set of outputs is known before anything is rendered; makers are pure functions of
the render context, so any worker can make any task.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from notes_site.site.chrome import Chrome


@dataclass(frozen=True, slots=True)
class PageTask:
    """One output file of the site."""

    path: str
    """Where it goes, relative to the output folder (``papers/2205.14135/index.html``)."""
    kind: str
    """Which maker makes it (``document``, ``paper``, ``topic``, ``feed`` …)."""
    lang: str
    """The language it is in."""
    key: str = ""
    """The item it shows within its kind and language (a source path, an arXiv id, a topic path …)."""


@dataclass(frozen=True, slots=True)
class TemplatePage:
    """A page rendered from a template."""

    template: str
    """Template name (``paper.html``)."""
    chrome: Chrome
    """The page's frame."""
    values: Mapping[str, Any] = field(default_factory=dict)
    """Everything else the template sees."""


@dataclass(frozen=True, slots=True)
class DataFile:
    """A file made without a template (BibTeX, JSON)."""

    make: Callable[[], bytes]
    """Makes its bytes (called only when the file has to be written)."""
    inputs: Any
    """What its bytes are made from: equal inputs make equal bytes (its build fingerprint)."""


PageSource = TemplatePage | DataFile
"""What a maker returns."""
