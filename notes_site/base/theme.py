"""The built-in theme: where notes-site's own ``templates/`` folder is, installed or not."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path


def builtin_templates() -> Path:
    """The built-in theme folder (inside the wheel, or ``templates/`` in a source checkout)."""
    packaged = resources.files("notes_site") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


def template_folders(site_templates: Sequence[Path]) -> list[Path]:
    """The folders templates are looked up in: the site's own (those that exist), then the theme."""
    return [d for d in site_templates if d.is_dir()] + [builtin_templates()]
