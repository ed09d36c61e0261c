"""Hugo sites that Hugo builds build with notes-site too: content beats generated pages, terms are
folded as Hugo folds them, aliases are folders, every config file name is read, mounts map content."""

from __future__ import annotations

from pathlib import Path

from notes_site.build.pipeline import BuildReport, build
from notes_site.hugo.config import load_config
from notes_site.hugo.discover import discover
from notes_site.hugo.page import LoadOptions
from notes_site.hugo.urls import alias_output_path


def _site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _build(site: Path) -> tuple[BuildReport, Path]:
    out = site.parent / f"{site.name}-public"
    return build(site, out, LoadOptions(), search=False), out


def _codes(report: BuildReport) -> list[str]:
    return [d.code for d in report.diagnostics if d.level != "info"]


def test_every_config_file_name_hugo_reads(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "s",
        {
            "config.yml": "baseURL: https://example.org/\ntitle: From yml\n",
            "config/production/params.toml": 'answer = "production"\n',
            "content/p.md": "---\ntitle: P\n---\nx\n",
        },
    )
    config, _ = load_config(site)
    assert config.title == "From yml"
    assert config.params == {"answer": "production"}
    assert config.config_files == ("config.yml", "config/production/params.toml")


def test_module_mounts_map_folders_into_content(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "s",
        {
            "hugo.toml": (
                'baseURL = "https://example.org/"\n'
                '[[module.mounts]]\nsource = "docs"\ntarget = "content"\n'
                '[[module.mounts]]\nsource = "guides"\ntarget = "content/guide"\n'
            ),
            "content/ignored.md": "---\ntitle: not mounted\n---\n",
            "docs/intro.md": "---\ntitle: Intro\n---\n",
            "guides/start.md": "---\ntitle: Start\n---\n",
        },
    )
    config, _ = load_config(site)
    pages, diagnostics = discover(config, LoadOptions())
    urls = {p.url: p.source for p in pages if p.file is not None}
    assert urls == {"/intro/": "docs/intro.md", "/guide/start/": "guides/start.md"}
    assert diagnostics == []


def test_ignore_files(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "s",
        {
            "hugo.yaml": 'baseURL: "/"\nignoreFiles: ["\\\\.Rmd$", "^drafts/"]\n',
            "content/a.md": "---\ntitle: A\n---\n",
            "content/a.Rmd": "---\ntitle: A source\n---\n",
            "content/drafts/b.md": "---\ntitle: B\n---\n",
        },
    )
    config, _ = load_config(site)
    pages, _ = discover(config, LoadOptions())
    assert sorted(p.source for p in pages if p.file is not None) == ["a.md"]


def test_terms_are_folded_and_empty_ones_dropped(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "s",
        {
            "hugo.toml": 'baseURL = "/"\n',
            "content/a.md": '---\ntitle: A\ntags: ["HTML", "html", "", "?", "Go Lang"]\n---\n',
            "content/b.md": '---\ntitle: B\ntags: ["html"]\n---\n',
        },
    )
    config, _ = load_config(site)
    pages, _ = discover(config, LoadOptions())
    assert {p.source: p.taxonomies["tags"] for p in pages if p.file} == {
        "a.md": ("HTML", "Go Lang"),
        "b.md": ("html",),
    }
    report, out = _build(site)
    assert report.errors == 0 and "duplicate-output" not in _codes(report)
    assert sorted(p.name for p in (out / "tags").iterdir() if p.is_dir()) == ["go-lang", "html"]
    assert (out / "tags" / "html" / "index.html").read_text(encoding="utf-8").count("<li>") == 2


def test_taxonomy_folder_content_is_the_taxonomy_page(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "s",
        {
            "hugo.toml": 'baseURL = "/"\n',
            "content/tags/_index.md": "---\ntitle: All our tags\n---\nTags intro.\n",
            "content/tags/go/_index.md": "---\ntitle: The Go term\n---\nAbout Go.\n",
            "content/posts/p.md": "---\ntitle: P\ntags: [Go]\n---\nx\n",
        },
    )
    config, _ = load_config(site)
    pages, _ = discover(config, LoadOptions())
    kinds = {p.url: p.kind for p in pages}
    assert (kinds["/tags/"], kinds["/tags/go/"]) == ("taxonomy", "term")
    report, out = _build(site)
    assert _codes(report) == []
    tags = (out / "tags" / "index.html").read_text(encoding="utf-8")
    assert "All our tags" in tags and "Tags intro." in tags
    term = (out / "tags" / "go" / "index.html").read_text(encoding="utf-8")
    assert "The Go term" in term and "About Go." in term and "/posts/p/" in term


def test_content_page_moves_the_generated_one_aside(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "s",
        {
            "hugo.toml": 'baseURL = "/"\n[notesSite.paths]\ntopics = "/paper-topics/"\n',
            "content/search.md": "---\ntitle: Our search\n---\ntheme search\n",
            "content/topics/_index.md": "---\ntitle: Topics section\n---\n",
            "content/topics/a.md": "---\ntitle: A topic post\n---\n",
        },
    )
    report, out = _build(site)
    moved = sorted(str(d) for d in report.diagnostics if d.code == "generated-page-moved")
    assert moved == [
        "search.md: warning: this page is at /search/, so notes-site's search page moves to /notes-search/"
        ' — to choose the path, set [notesSite.paths] search = "/…/" in the site config',
        "topics/_index.md: warning: this page is at /topics/, so notes-site's topics pages move to"
        ' /paper-topics/ — to choose the path, set [notesSite.paths] topics = "/…/" in the site config',
    ]
    assert "Our search" in (out / "search" / "index.html").read_text(encoding="utf-8")
    assert "Topics section" in (out / "topics" / "index.html").read_text(encoding="utf-8")
    assert (out / "notes-search" / "index.html").is_file()
    assert (out / "paper-topics" / "index.html").is_file()
    assert 'action="/notes-search/"' in (out / "index.html").read_text(encoding="utf-8")


def test_aliases_are_folders_as_in_hugo(tmp_path: Path) -> None:
    assert alias_output_path("/old") == "old/index.html"
    assert alias_output_path("/old/") == "old/index.html"
    assert alias_output_path("/old.html") == "old.html"
    assert alias_output_path("/%E6%97%A7") == "旧/index.html"
    site = _site(
        tmp_path / "s",
        {
            "hugo.toml": 'baseURL = "/"\n',
            "content/a.md": '---\ntitle: A\naliases: ["/old", "/old/deeper", "/legacy.html"]\n---\n',
        },
    )
    report, out = _build(site)
    assert report.errors == 0
    for path in ("old/index.html", "old/deeper/index.html", "legacy.html"):
        assert "/a/" in (out / path).read_text(encoding="utf-8"), path


def test_two_pages_with_one_url_do_not_stop_the_build(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "s",
        {
            "hugo.toml": 'baseURL = "/"\n',
            "content/p.md": "---\ntitle: P\n---\n",
            "content/q.md": "---\ntitle: Q\nurl: /p/\n---\n",
            "content/tags/loose.md": "---\ntitle: Loose\n---\n",
            "content/r.md": "---\ntitle: R\ntags: [loose]\n---\n",
            "static/robots.txt": "User-agent: *\n",
        },
    )
    report, out = _build(site)
    assert report.errors == 0
    assert {"duplicate-url", "duplicate-output"} <= set(_codes(report))
    assert (out / "p" / "index.html").is_file() and (out / "tags" / "loose" / "index.html").is_file()


def test_home_bundle_resources_are_copied_beside_the_home_page(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "s",
        {
            "hugo.toml": 'baseURL = "/"\n',
            "content/_index.md": "---\ntitle: Home\n---\n",
            "content/_index.Rmarkdown": "source of the home page\n",
        },
    )
    report, out = _build(site)
    assert report.errors == 0
    assert (out / "_index.Rmarkdown").read_text(encoding="utf-8") == "source of the home page\n"


def test_a_site_without_content_builds_as_hugo_builds_it(tmp_path: Path) -> None:
    site = _site(tmp_path / "s", {"config.toml": 'baseURL = "/"\ntheme = "meme"\n'})
    report, out = _build(site)
    assert report.errors == 0 and "missing-content-dir" in _codes(report)
    assert (out / "index.html").is_file()


def test_a_language_file_in_the_config_folder(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "s",
        {
            "config/_default/hugo.toml": 'baseURL = "/"\ndefaultContentLanguage = "en"\n',
            "config/_default/languages.en.toml": 'weight = 1\ncontentDir = "content/en"\n',
            "config/_default/languages.zh-cn.toml": 'weight = 2\ncontentDir = "content/zh-cn"\n',
            "config/_default/params.zh-cn.toml": 'motto = "学而时习之"\n',
            "content/en/a.md": "---\ntitle: A\n---\n",
            "content/zh-cn/a.md": "---\ntitle: 甲\n---\n",
        },
    )
    config, _ = load_config(site)
    assert config.language_codes == ("en", "zh-cn")
    assert config.language("zh-cn").params == {"motto": "学而时习之"}
    pages, _ = discover(config, LoadOptions())
    assert sorted(p.url for p in pages if p.file) == ["/a/", "/zh-cn/a/"]
