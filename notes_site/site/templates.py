"""The Jinja environment: the site's own ``templates/`` first, then the built-in theme, and the UI strings.

A site overrides any template by giving a file the same name. ``StrictUndefined`` turns a
typo in a template into a failed build instead of an empty string.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import tomli
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from notes_site.base.urlsafety import template_url
from notes_site.site.views.hrefs import Hrefs

_NOT_XML_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 does not allow (C0 controls but tab and line breaks, U+FFFE/FFFF, surrogates)."""


def printable(value: Any) -> Any:
    """Jinja's ``finalize``: every value written into a page or feed without the characters XML
    forbids, which a pasted control character would otherwise carry into an invalid feed."""
    if isinstance(value, str) and _NOT_XML_RE.search(value):
        cleaned = _NOT_XML_RE.sub("", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


class KeptTemplates(BytecodeCache):
    """Compiled templates kept in memory by a process that builds again and again (``serve``).

    Jinja keys each by the template's name and checks the hash of its source before using
    it, so a template edited since is compiled again, never served stale.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


def site_environment(
    folders: Sequence[Path], hrefs: Hrefs, time_zone: str | None, compiled: BytecodeCache | None = None
) -> Environment:
    """The Jinja environment for HTML and XML pages, with the ``absolute``, ``atom_date`` and
    ``safe_url`` filters; *compiled* keeps compiled templates between builds (Jinja compares
    each with its source's hash)."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in folders]),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: templates do not change under it
        finalize=printable,
        bytecode_cache=compiled,
    )
    env.filters["absolute"] = hrefs.absolute_href
    env.filters["safe_url"] = template_url  # html/template's URL rule, for shortcode templates

    def atom_date(timestamp: str) -> str:
        """RFC 3339 for Atom, which needs a zone: the site's ``timeZone``, else UTC."""
        when = datetime.fromisoformat(timestamp)
        if when.tzinfo is None:
            zone = ZoneInfo(time_zone) if time_zone else UTC
            when = when.replace(tzinfo=zone)
        return when.isoformat()

    env.filters["atom_date"] = atom_date
    env.filters["names"] = join_names
    return env


def join_names(names: Sequence[str]) -> str:
    """Author names joined for reading: with commas, or with semicolons when a name has a comma
    of its own (``Kingma, D. P.; Ba, J.``)."""
    return ("; " if any("," in name for name in names) else ", ").join(names)


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
