"""Config loading: notes-site.toml, Hugo's root files, config/_default/ and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from notes_site.base.errors import ContentError
from notes_site.hugo.config import DEFAULT_FRONT_MATTER_DATES, Language, load_config

SITES = Path(__file__).parent / "sites"


def test_bare_folder_gets_notes_site_defaults() -> None:
    config, diagnostics = load_config(SITES / "bare")
    assert diagnostics == []
    assert config.config_files == ()
    assert config.languages == (Language("zh", "中文", "zh", 1), Language("en", "English", "en", 2))
    assert config.default_language == "zh"
    assert config.default_language_in_subdir is False
    assert config.taxonomies == {"tag": "tags", "category": "categories"}
    assert config.content_dir == "content"
    assert config.base_url == "/"
    assert config.has_cjk_language is True
    assert config.front_matter_dates == DEFAULT_FRONT_MATTER_DATES


def test_hugo_toml() -> None:
    config, _ = load_config(SITES / "basic")
    assert config.config_files == ("hugo.toml",)
    assert config.base_url == "https://example.org/notes/"
    assert config.title == "Notes"
    assert config.language_codes == ("zh", "en")
    assert config.language("zh").name == "中文"
    assert config.language("en").title == "Notes (EN)"
    assert config.default_language == "zh"
    assert config.has_cjk_language is False  # Hugo's default unless hasCJKLanguage is set


def test_config_toml_with_permalinks_and_content_dirs() -> None:
    config, _ = load_config(SITES / "multilang")
    assert config.config_files == ("config.toml",)
    assert config.default_language_in_subdir is True
    assert config.language("en").content_dir == "content_en"
    assert config.language_content_path("en") == (SITES / "multilang" / "content_en").resolve()
    assert config.permalinks["page"]["posts"].startswith("/:year/")
    assert config.permalinks["page"]["docs"].startswith("/d/")
    assert config.permalinks["section"]["docs"] == "/ds/:sections/:title/"


def test_hugo_yaml_wins_over_config_toml_and_keys_are_case_insensitive() -> None:
    config, _ = load_config(SITES / "hugo_yaml")
    assert config.config_files == ("hugo.yaml",)
    assert config.title == "YAML site"
    assert config.build_drafts is True
    assert config.taxonomies == {"tag": "tags", "series": "series"}
    assert config.time_zone == "Asia/Shanghai"
    # No languages table: Hugo's single default language "en".
    assert config.language_codes == ("en",)


def test_config_folder_merges_on_top() -> None:
    config, diagnostics = load_config(SITES / "config_folder")
    assert config.config_files == (
        "hugo.toml",
        "config/_default/hugo.toml",
        "config/_default/languages.yaml",
        "config/_default/menus.en.toml",
        "config/_default/params.toml",
    )
    assert config.title == "Folder title"
    assert config.base_url == "https://root.example/"
    assert config.params == {"author": "folder", "color": "blue"}
    assert config.language_codes == ("en", "fr")
    assert config.language("en").name == "English"
    fr = config.language("fr")
    assert (fr.name, fr.locale, fr.params) == ("Français", "fr-FR", {"greeting": "bonjour"})
    assert config.default_language == "en"
    assert config.extra == {"theme": "ananke"}
    info = [d for d in diagnostics if d.code == "unused-config-key"]
    assert [(d.source, d.level) for d in info] == [("hugo.toml", "info")]
    assert "theme" in info[0].message


def test_notes_site_toml_wins_and_takes_snake_case() -> None:
    config, diagnostics = load_config(SITES / "notes_toml")
    assert diagnostics == []
    assert config.config_files == ("notes-site.toml",)
    assert config.base_url == "https://n.example/digest/"
    assert config.default_language == "en"
    assert config.language_codes == ("en", "zh")
    assert config.language("zh").name == "中文"


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('title = "x"\nbaseURL = = "/"\n', encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_config(tmp_path)
    assert (info.value.diagnostic.source, info.value.diagnostic.line) == ("hugo.toml", 2)


def test_yaml_syntax_error_in_config_folder(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "_default"
    folder.mkdir(parents=True)
    (folder / "params.yaml").write_text("a: 1\nb: [1, 2\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_config(tmp_path)
    assert info.value.diagnostic.source == "config/_default/params.yaml"
    assert info.value.diagnostic.line == 3


def test_unknown_default_language_is_reported(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(
        'defaultContentLanguage = "de"\n[languages.en]\nweight = 1\n', encoding="utf-8"
    )
    config, diagnostics = load_config(tmp_path)
    assert config.default_language == "en"
    assert [(d.code, d.line) for d in diagnostics] == [("unknown-default-language", 1)]


def test_front_matter_dates_config(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(
        '[frontmatter]\ndate = ["myDate", ":default"]\nexpiryDate = ["bestBefore"]\n', encoding="utf-8"
    )
    config, _ = load_config(tmp_path)
    assert config.front_matter_dates["date"] == ("mydate", *DEFAULT_FRONT_MATTER_DATES["date"])
    assert config.front_matter_dates["expirydate"] == ("bestbefore",)
