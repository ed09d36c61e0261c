"""Site configuration: ``notes-site.toml``, or Hugo's own config read the way Hugo reads it,
into a frozen :class:`SiteConfig` (the files themselves are found and merged by ``config_files``).

Keys are case-insensitive, so every key is lower-cased before it is looked at, parameters
included (Hugo does the same). A folder with no config at all gets notes-site's defaults:
Chinese (``zh``, the default language, at the site root) and English (``en``, under ``/en/``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notes_site.base.errors import Diagnostic
from notes_site.hugo.config_files import NOTES_SITE_CONFIG, config_key_line, read_config_files
from notes_site.hugo.mounts import ContentMount, content_mounts
from notes_site.hugo.values import as_bool, as_int

DEFAULT_TAXONOMIES: Mapping[str, str] = {"tag": "tags", "category": "categories"}
"""Hugo's taxonomies when the config names none (singular → plural)."""


DEFAULT_FRONT_MATTER_DATES: Mapping[str, tuple[str, ...]] = {
    "date": ("date", "publishdate", "pubdate", "published", "lastmod", "modified"),
    "lastmod": ("lastmod", "modified", "date", "publishdate", "pubdate", "published"),
    "publishdate": ("publishdate", "pubdate", "published", "date"),
    "expirydate": ("expirydate", "unpublishdate"),
}
"""Hugo's default ``[frontmatter]`` config (``:git`` left out: notes-site does not read Git)."""


PERMALINK_KINDS = ("page", "section", "taxonomy", "term")


KNOWN_KEYS = frozenset(
    {
        "baseurl",
        "title",
        "contentdir",
        "languages",
        "defaultcontentlanguage",
        "defaultcontentlanguageinsubdir",
        "disablelanguages",
        "taxonomies",
        "permalinks",
        "params",
        "hascjklanguage",
        "summarylength",
        "timezone",
        "builddrafts",
        "buildfuture",
        "buildexpired",
        "uglyurls",
        "frontmatter",
        "languagecode",
        "locale",
        "languagename",
        "label",
        "ignorefiles",
        # notes-site.toml's command settings, read by settings.py.
        "build",
        "serve",
        "papers",
    }
)


READ_FROM_EXTRA = frozenset({"markup", "module", "enableemoji", "notessite"})
"""Keys notes-site reads from :attr:`SiteConfig.extra` (``markup_config``, ``mounts``, ``generated``)."""


@dataclass(frozen=True, slots=True)
class Language:
    """One configured content language."""

    code: str
    """Language key as configured, lower-cased (``zh``, ``en``); also the filename suffix."""
    name: str
    """Display name (``languageName`` or ``label``), e.g. ``中文``."""
    locale: str
    """``languageCode`` or ``locale`` (e.g. ``zh-CN``); the code when not set."""
    weight: int
    """Sort weight; lower comes first."""
    title: str | None = None
    """Per-language site title, when set."""
    content_dir: str | None = None
    """Per-language ``contentDir`` relative to the site folder, when set."""
    params: Mapping[str, Any] = field(default_factory=dict)
    """Per-language ``params`` (lower-cased keys)."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything the loader needs to know about a site."""

    site_dir: Path
    """The site folder (holds the config and the content folder)."""
    content_dir: str = "content"
    """``contentDir`` relative to the site folder."""
    base_url: str = "/"
    """``baseURL`` as written."""
    title: str = ""
    """Site title."""
    languages: tuple[Language, ...] = ()
    """Configured languages, by weight then code; the default language is among them."""
    languages_table: bool = False
    """Whether the config has a ``[languages]`` table, even of one language: Hugo then counts the
    site as multilingual (its embedded link and image render hooks are on by default)."""
    default_language: str = "zh"
    """``defaultContentLanguage``: files without a language suffix belong to it."""
    default_language_in_subdir: bool = False
    """``defaultContentLanguageInSubdir``: put the default language under ``/<code>/`` too."""
    taxonomies: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_TAXONOMIES))
    """Taxonomies, singular → plural (Hugo's default: tag → tags, category → categories)."""
    permalinks: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Permalink patterns by page kind (page/section/taxonomy/term), then by section name."""
    params: Mapping[str, Any] = field(default_factory=dict)
    """Site ``params`` (lower-cased keys)."""
    has_cjk_language: bool = False
    """``hasCJKLanguage``; notes-site's own defaults turn it on when a zh/ja/ko language exists."""
    summary_length: int = 70
    """``summaryLength``: words in an automatic summary (Hugo's default, 70)."""
    time_zone: str | None = None
    """``timeZone`` (IANA name) used to read dates written without a zone; None means UTC."""
    build_drafts: bool = False
    """``buildDrafts``: include draft pages."""
    build_future: bool = False
    """``buildFuture``: include pages whose publish date is in the future."""
    build_expired: bool = False
    """``buildExpired``: include pages whose expiry date has passed."""
    ugly_urls: bool = False
    """``uglyURLs`` (the boolean form only): pages at ``/posts/x.html`` instead of ``/posts/x/``."""
    front_matter_dates: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_FRONT_MATTER_DATES)
    )
    """``[frontmatter]``: which front-matter keys feed date/lastmod/publishdate/expirydate, in order."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Config keys notes-site does not use, kept as read (lower-cased keys)."""
    config_files: tuple[str, ...] = ()
    """Config files read, relative to the site folder, in merge order."""
    ignore_files: tuple[str, ...] = ()
    """``ignoreFiles``: regular expressions; content files whose path matches one are skipped."""
    content_mounts: tuple[ContentMount, ...] = ()
    """``module.mounts`` onto ``content``; when there are any, they replace ``contentDir``."""

    def language(self, code: str) -> Language:
        """The configured language ``code``; KeyError when it is not configured."""
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

    @property
    def language_codes(self) -> tuple[str, ...]:
        """Codes of the configured languages, in order."""
        return tuple(language.code for language in self.languages)

    @property
    def content_path(self) -> Path:
        """Absolute path of the main content folder."""
        return (self.site_dir / self.content_dir).resolve()

    def language_content_path(self, code: str) -> Path:
        """Absolute content folder of language ``code`` (its own ``contentDir`` or the main one)."""
        own = self.language(code).content_dir
        return (self.site_dir / own).resolve() if own else self.content_path

    def content_folders(self) -> list[Path]:
        """Every folder the site reads content from: the main one, each language's, each mount's."""
        folders = [self.content_path, *(self.language_content_path(code) for code in self.language_codes)]
        return folders + [(self.site_dir / mount.source).resolve() for mount in self.content_mounts]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _notes_defaults(site_dir: Path) -> SiteConfig:
    return SiteConfig(
        site_dir=site_dir,
        languages=(Language("zh", "中文", "zh", 1), Language("en", "English", "en", 2)),
        default_language="zh",
        has_cjk_language=True,
    )


HUGO_DEFAULT_BASE_URL = "https://example.org/"
"""The ``baseURL`` Hugo uses when a site's config sets none."""


def _languages(
    raw: Mapping[str, Any], notes_site: bool, default: str, diagnostics: list[Diagnostic], where: str
) -> tuple[Language, ...]:
    table = raw.get("languages")
    if table is None:
        if notes_site:
            return (Language("zh", "中文", "zh", 1), Language("en", "English", "en", 2))
        name = raw.get("label", raw.get("languagename", ""))
        locale = raw.get("locale", raw.get("languagecode", default))
        return (Language(default, str(name), str(locale), 0),)
    if not isinstance(table, Mapping):
        diagnostics.append(
            Diagnostic(where, 0, "error", "languages must be a table of language codes", None, "bad-config")
        )
        return (Language(default, "", default, 0),)
    disabled = {str(code).lower() for code in raw.get("disablelanguages", []) or []}
    languages: list[Language] = []
    for code, entry in table.items():
        settings: Mapping[str, Any] = entry if isinstance(entry, Mapping) else {}
        if code in disabled or as_bool(settings.get("disabled", False)):
            continue
        params = settings.get("params", {})
        content_dir = settings.get("contentdir")
        title = settings.get("title")
        languages.append(
            Language(
                code=str(code),
                name=str(settings.get("label", settings.get("languagename", ""))),
                locale=str(settings.get("locale", settings.get("languagecode", code))),
                weight=as_int(settings.get("weight", 0)),
                title=str(title) if title is not None else None,
                content_dir=str(content_dir) if content_dir else None,
                params=params if isinstance(params, Mapping) else {},
            )
        )
    # Hugo sorts by weight, weight 0 (unset) after any set weight, then by code.
    languages.sort(key=lambda lang: (lang.weight == 0, lang.weight, lang.code))
    return tuple(languages)


def _permalinks(raw: Any, taxonomies: Mapping[str, str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {kind: {} for kind in PERMALINK_KINDS}
    if not isinstance(raw, Mapping):
        return out
    plurals = set(taxonomies.values())
    for key, value in raw.items():
        if key in PERMALINK_KINDS and isinstance(value, Mapping):
            out[key].update({str(k): str(v) for k, v in value.items()})
        elif isinstance(value, str):
            out["term" if key in plurals else "page"][str(key)] = value
    return out


def _front_matter_dates(raw: Any) -> dict[str, tuple[str, ...]]:
    out = dict(DEFAULT_FRONT_MATTER_DATES)
    if not isinstance(raw, Mapping):
        return out
    for key, value in raw.items():
        if key not in out:
            continue
        items = [value] if isinstance(value, str) else list(value or [])
        expanded: list[str] = []
        for item in items:
            name = str(item).lower()
            if name == ":default":
                expanded.extend(DEFAULT_FRONT_MATTER_DATES[key])
            elif not name.startswith(":"):
                expanded.append(name)
        out[key] = tuple(expanded)
    return out


def load_config(site_dir: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read the site's config. Syntax errors raise :class:`ContentError` naming ``file:line``.

    Returns the config and diagnostics about it (unknown keys as ``info``, bad values as
    ``warning``/``error`` with the value ignored).
    """
    site_dir = site_dir.resolve()
    raw_config = read_config_files(site_dir)
    if raw_config is None:
        return _notes_defaults(site_dir), []
    raw = raw_config.data
    notes_site = raw_config.files == (NOTES_SITE_CONFIG,)
    diagnostics: list[Diagnostic] = []
    main_file = raw_config.files[0]

    def where(key: str) -> str:
        return raw_config.origin.get(key, main_file)

    default = str(raw.get("defaultcontentlanguage", "zh" if notes_site else "en")).lower()
    languages = _languages(raw, notes_site, default, diagnostics, where("languages"))
    languages_table = isinstance(raw.get("languages"), Mapping) and bool(raw.get("languages"))
    if not languages:
        languages = (Language(default, "", default, 0),)
    if default not in {lang.code for lang in languages}:
        source = where("defaultcontentlanguage")
        diagnostics.append(
            Diagnostic(
                source,
                config_key_line(site_dir, source, "defaultContentLanguage"),
                "error",
                f"defaultContentLanguage {default!r} is not one of the configured languages",
                f"add [languages.{default}] or set defaultContentLanguage to one of "
                + ", ".join(lang.code for lang in languages),
                "unknown-default-language",
            )
        )
        default = languages[0].code

    taxonomies_raw = raw.get("taxonomies")
    taxonomies = (
        {str(k): str(v) for k, v in taxonomies_raw.items()}
        if isinstance(taxonomies_raw, Mapping)
        else dict(DEFAULT_TAXONOMIES)
    )

    time_zone = raw.get("timezone")
    if time_zone is not None:
        try:
            ZoneInfo(str(time_zone))
        except (ZoneInfoNotFoundError, ValueError):
            source = where("timezone")
            diagnostics.append(
                Diagnostic(
                    source,
                    config_key_line(site_dir, source, "timeZone"),
                    "warning",
                    f"unknown timeZone {time_zone!r}; dates without a zone are read as UTC",
                    'use an IANA name such as "Asia/Shanghai"',
                    "unknown-time-zone",
                )
            )
            time_zone = None

    has_cjk_raw = raw.get("hascjklanguage")
    if has_cjk_raw is None:
        has_cjk = notes_site and any(lang.code.split("-")[0] in ("zh", "ja", "ko") for lang in languages)
    else:
        has_cjk = as_bool(has_cjk_raw)

    params = raw.get("params", {})
    ugly = raw.get("uglyurls", False)
    extra = {key: value for key, value in raw.items() if key not in KNOWN_KEYS}
    by_file: dict[str, list[str]] = {}
    for key in (k for k in extra if k not in READ_FROM_EXTRA):
        by_file.setdefault(where(key), []).append(key)
    for source, keys in by_file.items():
        diagnostics.append(
            Diagnostic(
                source,
                0,
                "info",
                "config keys not used by notes-site: " + ", ".join(sorted(keys)),
                "they are kept and passed on unchanged",
                "unused-config-key",
            )
        )

    config = SiteConfig(
        site_dir=site_dir,
        content_dir=str(raw.get("contentdir", "content")),
        # Hugo (v0.15x on) builds a site without baseURL as https://example.org/; a notes-site.toml
        # site without one keeps site-relative links.
        base_url=str(raw.get("baseurl", "/" if notes_site else HUGO_DEFAULT_BASE_URL)),
        title=str(raw.get("title", "")),
        languages=languages,
        languages_table=languages_table,
        default_language=default,
        default_language_in_subdir=as_bool(raw.get("defaultcontentlanguageinsubdir", False)),
        taxonomies=taxonomies,
        permalinks=_permalinks(raw.get("permalinks"), taxonomies),
        params=params if isinstance(params, Mapping) else {},
        has_cjk_language=has_cjk,
        summary_length=as_int(raw.get("summarylength", 70)),
        time_zone=str(time_zone) if time_zone is not None else None,
        build_drafts=as_bool(raw.get("builddrafts", False)),
        build_future=as_bool(raw.get("buildfuture", False)),
        build_expired=as_bool(raw.get("buildexpired", False)),
        ugly_urls=ugly if isinstance(ugly, bool) else False,
        front_matter_dates=_front_matter_dates(raw.get("frontmatter")),
        extra=extra,
        config_files=raw_config.files,
        content_mounts=content_mounts(raw),
        ignore_files=tuple(str(item) for item in _as_list(raw.get("ignorefiles"))),
    )
    return config, diagnostics
