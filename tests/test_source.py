"""Page discovery on the fixture sites.

Every expected URL, title, section, translation and resource list below was checked by
building the same fixture with hugo v0.168 (``hugo list all`` plus a template printing
``.Kind .Lang .File.Path .Title .RelPermalink .Section .Translations .Resources``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from notes_site.hugo.config import load_config
from notes_site.hugo.discover import discover
from notes_site.hugo.page import LoadOptions, Page
from notes_site.hugo.titles import auto_section_title

SITES = Path(__file__).parent / "sites"
NOW = datetime(2025, 1, 1, tzinfo=UTC)


def _load(site: str, **options: bool) -> tuple[dict[tuple[str, str], Page], list[str]]:
    config, _ = load_config(SITES / site)
    pages, diagnostics = discover(config, LoadOptions(now=NOW, **options))
    return {(p.lang, p.source): p for p in pages}, [str(d) for d in diagnostics]


def test_basic_urls_and_kinds() -> None:
    pages, _ = _load("basic")
    urls = {key: (p.kind, p.url) for key, p in pages.items()}
    assert urls == {
        ("zh", "_index.md"): ("home", "/"),
        ("zh", "notes"): ("section", "/notes/"),
        ("zh", "posts"): ("section", "/posts/"),
        ("zh", "posts/nlp/_index.md"): ("section", "/posts/nlp/"),
        ("zh", "posts/urled.md"): ("page", "/Custom/Path With Space/"),
        ("zh", "about/index.md"): ("page", "/about/"),
        ("zh", "notes/n1.md"): ("page", "/notes/n1/"),
        ("zh", "posts/bundle/index.md"): ("page", "/posts/bundle/"),
        ("zh", "posts/Café Déjà.md"): ("page", "/posts/café-déjà/"),
        ("zh", "posts/headless/index.md"): ("page", "/posts/headless/"),
        ("zh", "posts/Hello World.md"): ("page", "/posts/hello-world/"),
        ("zh", "posts/json.md"): ("page", "/posts/json/"),
        ("zh", "posts/k1.md"): ("page", "/posts/k1/"),
        ("zh", "posts/ml/deep.md"): ("page", "/posts/ml/deep/"),
        ("zh", "posts/slugged.md"): ("page", "/posts/my-slug-ünï/"),
        ("zh", "posts/nlp/x.md"): ("page", "/posts/nlp/x/"),
        ("zh", "posts/nofm.md"): ("page", "/posts/nofm/"),
        ("zh", "posts/t.fr.md"): ("page", "/posts/t.fr/"),
        ("zh", "posts/t.md"): ("page", "/posts/t/"),
        ("zh", "posts/training.md"): ("page", "/posts/training/"),
        ("zh", "posts/Upper.MD"): ("page", "/posts/upper/"),
        ("zh", "posts/what's new? (v2).md"): ("page", "/posts/whats-new-v2/"),
        ("zh", "posts/中文 标题.md"): ("page", "/posts/中文-标题/"),
        ("zh", "top.md"): ("page", "/top/"),
        ("en", ""): ("home", "/en/"),
        ("en", "posts"): ("section", "/en/posts/"),
        ("en", "posts/bundle/index.en.md"): ("page", "/en/posts/bundle/"),
        ("en", "posts/k2.en.md"): ("page", "/en/posts/k2/"),
        ("en", "posts/t.en.md"): ("page", "/en/posts/t/"),
    }


def test_pages_are_sorted_by_language_kind_url() -> None:
    config, _ = load_config(SITES / "basic")
    pages, _ = discover(config, LoadOptions(now=NOW))
    keys = [(p.lang, p.kind, p.url) for p in pages]
    assert keys[0] == ("zh", "home", "/")
    assert keys[-1] == ("en", "page", "/en/posts/t/")
    again, _ = discover(config, LoadOptions(now=NOW))
    assert [p.source for p in again] == [p.source for p in pages]


def test_unsuffixed_pages_belong_to_the_default_language_only() -> None:
    pages, _ = _load("basic")
    assert ("en", "posts/training.md") not in pages
    assert pages[("zh", "posts/t.fr.md")].lang == "zh"  # fr is not configured


def test_titles_and_fallbacks() -> None:
    pages, _ = _load("basic")
    assert pages[("zh", "posts/training.md")].title == "Training notes"
    assert pages[("zh", "posts/nofm.md")].title == ""
    assert pages[("zh", "posts")].title == "Posts"
    assert pages[("zh", "notes")].title == "Notes"
    assert pages[("en", "")].title == "Notes (EN)"
    assert auto_section_title("box") == "Boxes"
    assert auto_section_title("person") == "People"
    assert auto_section_title("my sec") == "My Secs"
    assert auto_section_title("笔记") == "笔记s"
    assert auto_section_title("news") == "News"


def test_sections() -> None:
    pages, _ = _load("basic")
    deep = pages[("zh", "posts/ml/deep.md")]
    assert (deep.section, deep.sections) == ("posts", ("posts",))  # ml has no _index.md
    nlp = pages[("zh", "posts/nlp/x.md")]
    assert (nlp.section, nlp.sections) == ("posts", ("posts", "nlp"))
    about = pages[("zh", "about/index.md")]
    assert (about.section, about.bundle) == ("", "leaf")
    section = pages[("zh", "posts")]
    assert (section.file, section.bundle) == (None, "branch")


def test_front_matter_fields() -> None:
    pages, _ = _load("basic")
    training = pages[("zh", "posts/training.md")]
    assert training.date == datetime(2024, 1, 2)
    assert training.publish_date == datetime(2024, 1, 2)
    assert training.lastmod == datetime(2024, 1, 2)
    assert training.expiry_date is None
    assert training.taxonomies == {"tags": ("ML", "Deep Learning"), "categories": ("research",)}
    assert (training.weight, training.toc, training.summary) == (3, True, "Short.")
    assert training.format == "markdown"
    assert training.body == "\n# Body\n"
    assert training.body_line == 10
    assert training.file == (SITES / "basic" / "content" / "posts" / "training.md").resolve()
    hello = pages[("zh", "posts/Hello World.md")]
    assert hello.date == datetime(2024, 3, 4, 5, 6, 7, tzinfo=timezone(timedelta(hours=8)))
    assert hello.lastmod == datetime(2024, 4, 1)
    chinese = pages[("zh", "posts/中文 标题.md")]
    assert chinese.date == chinese.publish_date == datetime(2024, 5, 5, 10)  # date ← publishDate
    json_page = pages[("zh", "posts/json.md")]
    assert json_page.title == "JSON {page}"
    assert json_page.date == datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC)


def test_params_are_lower_cased_and_cascaded() -> None:
    pages, _ = _load("basic")
    x = pages[("zh", "posts/nlp/x.md")]
    assert x.params["mood"] == "happy"
    assert x.params["series"] == "nlp"  # from posts/nlp/_index.md cascade
    assert x.front_matter == {"title": "NLP X", "params": {"Mood": "happy"}}
    assert "series" not in pages[("zh", "posts/nlp/_index.md")].params


def test_slug_url_aliases() -> None:
    pages, _ = _load("basic")
    assert pages[("zh", "posts/slugged.md")].slug == "My Slug! Ünï"
    # hugo v0.168 .Aliases: ["/old", "/Custom/older"]
    assert pages[("zh", "posts/urled.md")].aliases == ("/old", "/Custom/older")


def test_translations_by_path_and_key() -> None:
    pages, _ = _load("basic")
    assert pages[("zh", "posts/t.md")].translations == (("en", "/en/posts/t/"),)
    assert pages[("en", "posts/t.en.md")].translations == (("zh", "/posts/t/"),)
    assert pages[("zh", "posts/k1.md")].translations == (("en", "/en/posts/k2/"),)
    assert pages[("zh", "posts/k1.md")].translation_key == "pair"
    assert pages[("zh", "posts/t.md")].translation_key == "/posts/t"
    assert pages[("zh", "posts/t.fr.md")].translations == ()
    assert pages[("zh", "_index.md")].translations == (("en", "/en/"),)
    assert pages[("zh", "posts")].translations == (("en", "/en/posts/"),)
    assert pages[("zh", "posts/bundle/index.md")].translations == (("en", "/en/posts/bundle/"),)


def test_bundle_resources_per_language() -> None:
    pages, _ = _load("basic")
    assert pages[("zh", "posts/bundle/index.md")].resources == ("My File.txt", "img.png")
    assert pages[("en", "posts/bundle/index.en.md")].resources == ("My File.txt", "img.en.png")


def test_headless_bundle() -> None:
    pages, _ = _load("basic")
    page = pages[("zh", "posts/headless/index.md")]
    assert page.headless is True
    assert (page.build_render, page.build_list) == ("never", "never")


def test_drafts_future_expired_and_ignored_files() -> None:
    pages, diagnostics = _load("basic")
    sources = {source for _, source in pages}
    for hidden in (
        "posts/draft.md",
        "posts/future.md",
        "posts/expired.md",
        "posts/.hidden.md",
        "posts/#scratch.md",
        "posts/backup.md~",
        "posts/doc.org",
    ):
        assert hidden not in sources
    assert diagnostics == [
        "posts/doc.org: warning: Org content is not supported by notes-site; file skipped "
        "— convert it to Markdown (.md)"
    ]
    everything, _ = _load("basic", drafts=True, future=True, expired=True)
    assert {("zh", "posts/draft.md"), ("zh", "posts/future.md"), ("zh", "posts/expired.md")} <= set(
        everything
    )
    assert everything[("zh", "posts/draft.md")].draft is True


def test_future_is_relative_to_now() -> None:
    config, _ = load_config(SITES / "basic")
    pages, _ = discover(config, LoadOptions(now=datetime(2024, 5, 1, tzinfo=UTC)))
    assert "posts/中文 标题.md" not in {p.source for p in pages}  # publishDate 2024-05-05


def test_permalinks_subdir_and_content_dirs() -> None:
    pages, _ = _load("multilang")
    urls = {key: p.url for key, p in pages.items()}
    assert urls == {
        ("zh", ""): "/zh/",
        ("zh", "docs/_index.md"): "/zh/ds/docs/",
        ("zh", "docs/sub/_index.md"): "/zh/ds/docs/sub/sub-sec/",
        ("zh", "posts"): "/zh/posts/",
        ("zh", "posts/p3.md"): "/zh/1/01/01/january/1/1/posts/p3-no-date/",
        ("zh", "posts/p1.md"): "/zh/2024/03/05/march/2/65/posts/sluggy-one/",
        ("zh", "posts/p2.md"): "/zh/2024/12/31/december/2/366/posts/p2/",
        ("zh", "posts/u.md"): "/zh/Foo/Bar/",
        ("zh", "docs/plain.md"): "/zh/d/docs/docs/plain-doc/plain/plain/",
        ("en", ""): "/en/",
        ("en", "content_en/posts"): "/en/posts/",
        ("en", "content_en/posts/u.md"): "/abs/en/",
        ("en", "content_en/posts/enonly.md"): "/en/1/01/01/january/1/1/posts/en-only/",
        ("en", "content_en/posts/p1.md"): "/en/2024/03/05/march/2/65/posts/en-p1/",
    }
    en_p1 = pages[("en", "content_en/posts/p1.md")]
    assert en_p1.file_path == "posts/p1.md"
    assert en_p1.translations == (("zh", "/zh/2024/03/05/march/2/65/posts/sluggy-one/"),)
    assert pages[("zh", "docs/plain.md")].params["color"] == "red"
    assert pages[("zh", "")].title == "My Site"
    assert pages[("en", "")].title == "EN site"


def test_broken_files_are_reported_and_skipped() -> None:
    pages, diagnostics = _load("broken")
    assert {source for _, source in pages} == {"", "good.md"}
    located = sorted(d.split(": error: ")[0] for d in diagnostics)
    assert located == [
        "bad-date.md:4",
        "bad-json.md:4",
        "bad-toml.md:4",
        "bad-yaml.md:4",
        "dash.md:1",
        "unclosed.md:1",
    ]
    unclosed = next(d for d in diagnostics if d.startswith("unclosed.md"))
    assert 'did you forget the closing "+++"?' in unclosed
    bad_date = next(d for d in diagnostics if d.startswith("bad-date.md"))
    assert "2024-01-02T03:04" in bad_date and "2024-05-01" in bad_date


def test_bare_folder_two_languages_no_duplicates() -> None:
    pages, diagnostics = _load("bare")
    assert diagnostics == []
    assert sorted((p.lang, p.kind, p.url, p.title) for p in pages.values()) == [
        ("en", "home", "/en/", ""),
        ("en", "page", "/en/p/", "No config"),
        ("zh", "home", "/", ""),
        ("zh", "page", "/p/", "无配置"),
    ]


def test_missing_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    from notes_site.base.errors import UsageError

    config, _ = load_config(tmp_path)
    with pytest.raises(UsageError):
        discover(config, LoadOptions())
