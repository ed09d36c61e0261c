"""The Jinja environment: the site's own ``templates/`` first, then the built-in theme, and the UI strings.

A site overrides any template by giving a file the same name. ``StrictUndefined`` turns a
typo in a template into a failed build instead of an empty string.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import tomli
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from notes_site.site.views.hrefs import Hrefs


def site_environment(folders: Sequence[Path], hrefs: Hrefs, time_zone: str | None) -> Environment:
    """The Jinja environment for HTML and XML pages, with the ``absolute`` and ``atom_date`` filters."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in folders]),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: templates do not change under it
    )
    env.filters["absolute"] = hrefs.absolute_href

    def atom_date(timestamp: str) -> str:
        """RFC 3339 for Atom, which needs a zone: the site's ``timeZone``, else UTC."""
        when = datetime.fromisoformat(timestamp)
        if when.tzinfo is None:
            zone = ZoneInfo(time_zone) if time_zone else UTC
            when = when.replace(tzinfo=zone)
        return when.isoformat()

    env.filters["atom_date"] = atom_date
    return env


def ui_strings(folders: Sequence[Path], lang: str) -> dict[str, str]:
    """UI strings of *lang*: the built-in file first, the site's own file overrides key by key."""
    merged: dict[str, str] = {}
    for folder in reversed(folders):
        file = folder / "i18n" / f"{lang}.toml"
        if file.is_file():
            merged.update(tomli.loads(file.read_text(encoding="utf-8")))
    return merged


def ui_language(lang: str) -> str:
    """Which UI strings a content language uses: ``zh`` for any Chinese variant, else ``en``."""
    return "zh" if lang.startswith("zh") else "en"
