"""The built-in theme: where notes-site's own ``templates/`` folder is, installed or not."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_templates() -> Path:
    """The built-in theme folder (inside the wheel, or ``templates/`` in a source checkout)."""
    packaged = resources.files("notes_site") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"
