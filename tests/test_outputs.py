"""One bad page never costs the site: unsafe and colliding URLs leave out that page (or alias) with a
diagnostic at its line, and every other page is written; headings and tags that make unsafe
paths are made safe."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from notes_site.build.load import load_site
from notes_site.build.pipeline import build
from notes_site.hugo.outputs import output_problem, safe_segment

from .test_cli import _invoke, _site

GOOD = "---\ntitle: good\n---\nhello\n"

UNSAFE = {
    "url.md": ("---\ntitle: u\nurl: ../../../../tmp/escape/\n---\n", 3),
    "slug.md": ("---\ntitle: s\nslug: ../../../escape\n---\n", 3),
    "encoded.md": ("---\ntitle: e\nurl: /%2e%2e/%2e%2e/escape/\n---\n", 3),
    "%2e%2e.md": ("---\ntitle: file name\n---\n", 0),
    "long.md": ("---\ntitle: l\nurl: /" + "x" * 300 + "/\n---\n", 3),
    "control.md": ('+++\ntitle = "c"\nurl = "/a\\u0001b/"\n+++\n', 3),
}


def _unsafe_site(tmp_path: Path) -> Path:
    files = {"good.md": GOOD, **{name: text for name, (text, _) in UNSAFE.items()}}
    files["aliased.md"] = "---\ntitle: a\naliases: [/fine/, ../../../../escape]\n---\n"
    return _site(tmp_path / "site", files)


def test_unsafe_urls_leave_out_their_page_with_an_error_at_the_line(tmp_path: Path) -> None:
    site = load_site(_unsafe_site(tmp_path), workers=1)
    errors = {(d.source, d.line) for d in site.diagnostics if d.code == "unsafe-url"}
    assert errors == {(name, line) for name, (_, line) in UNSAFE.items()} | {("aliased.md", 3)}
    kept = {d.source for d in site.documents if d.page.file}
    assert kept == {"good.md", "aliased.md"}
    aliased = next(d.page for d in site.documents if d.source == "aliased.md")
    assert aliased.aliases == ("/fine",)


def test_build_writes_every_other_page_and_nothing_outside(tmp_path: Path) -> None:
    site = _unsafe_site(tmp_path)
    out = tmp_path / "public"
    cache = site / ".notes-site"  # the build cache: the site's own, by design

    def outside() -> list[Path]:
        return sorted(
            p for p in tmp_path.rglob("*") if not p.is_relative_to(out) and not p.is_relative_to(cache)
        )

    before = outside()
    result = _invoke("build", str(site), "-o", str(out), "--no-search")
    assert result.exit_code == 1  # errors, but a site
    assert (out / "good" / "index.html").is_file() and (out / "fine" / "index.html").is_file()
    assert outside() == before
    assert not (tmp_path / "escape").exists() and not Path("/tmp/escape").exists()
    assert "url.md:3: error: the page URL '../../../../tmp/escape/'" in result.output.replace("'/", "'")


@pytest.mark.parametrize("command", [["check"], ["export"]])
def test_check_and_export_report_the_same(tmp_path: Path, command: list[str]) -> None:
    result = _invoke(*command, str(_unsafe_site(tmp_path)))
    assert result.exit_code == 1
    assert "slug.md:3: error: the page URL" in result.output + (result.stderr_bytes or b"").decode()


def test_two_pages_with_one_url_keep_the_first_and_warn_naming_both(tmp_path: Path) -> None:
    site = _site(
        tmp_path / "site",
        {
            "a.md": "---\ntitle: first\nurl: /same/\n---\n",
            "b.md": "---\ntitle: second\n\nurl: /same/\n---\n",
            "c.md": "---\ntitle: third\naliases: [/same/, /other/]\n---\n",
            "d.md": "---\ntitle: fourth\naliases: [/other/]\n---\n",
        },
    )
    out = tmp_path / "public"
    report = build(site, out, search=False)
    warnings = [str(d) for d in report.diagnostics if d.code == "duplicate-url"]
    assert warnings == [
        "b.md:4: warning: /same/ is also the URL of a.md, which keeps it; this page is left out "
        "— give one of them a different slug or url",
        "c.md:3: warning: alias /same is also the URL of a.md; the alias is left out "
        "— remove the alias or point it elsewhere",
        "d.md:3: warning: alias /other is also an alias of c.md; the alias is left out "
        "— remove the alias or point it elsewhere",
    ]
    assert report.errors == 0
    assert "first" in (out / "same" / "index.html").read_text(encoding="utf-8")
    assert "/c/" in (out / "other" / "index.html").read_text(encoding="utf-8")


def test_headings_and_tags_that_make_unsafe_paths_are_made_safe(tmp_path: Path) -> None:
    heading = "长" * 90  # 270 bytes: too long for a file name (before: OSError, no site)
    body = (
        f"## {heading}\n\n## ..\n\n## %2e%2e\n\n"
        "2025-06-13 18:50:11 Friday ｜ h\n\n**链接** ：https://arxiv.org/abs/2506.10910\n"
    )
    site = _site(
        tmp_path / "site", {"x.md": f"---\ntitle: x\ntags: ['%2e%2e', '..', '{'t' * 300}']\n---\n{body}"}
    )
    out = tmp_path / "public"
    report = build(site, out, search=False)
    assert report.errors == 0
    written = {p.relative_to(out).as_posix() for p in out.rglob("index.html")}
    for page in out.rglob("*.html"):
        for href in re.findall(r'href="(/(?:topics|tags)/[^"#]*/)"', page.read_text(encoding="utf-8")):
            assert unquote(href).lstrip("/") + "index.html" in written, (page, href)
    assert all(output_problem("/" + path) is None for path in written)


def test_safe_segment() -> None:
    assert safe_segment("预训练") == "预训练"
    assert safe_segment("..") == "--" and safe_segment("%2e%2e") == "2e2e"
    long = safe_segment("长" * 90)
    assert len(long.encode()) <= 255 and long.startswith("长" * 70) and re.search(r"-[0-9a-f]{8}$", long)
    assert safe_segment("长" * 90) != safe_segment("长" * 91)


def test_headings_and_tags_that_make_the_same_path_share_one_page(tmp_path: Path) -> None:
    # Before: "two outputs want the same path" and no site, for headings that differ only in
    # punctuation, a heading with no text left (raw HTML only) and tags that differ in case.
    # (A heading makes a topic only on a digest page, hence ``digest: true``.)
    site = _site(
        tmp_path / "site",
        {
            "a.md": "---\ntitle: a\ndigest: true\ntags: [AI, '!!!']\n---\n"
            "## 数据工程\n\nx\n\n## <b></b>\n\ny\n",
            "b.md": "---\ntitle: b\ndigest: true\ntags: [ai, '???']\n---\n## 数据工程!\n\nz\n\n## <i></i>\n",
        },
    )
    out = tmp_path / "public"
    report = build(site, out, search=False)
    assert report.errors == 0
    assert (out / "topics" / "数据工程" / "index.html").is_file() and (
        out / "topics" / "-" / "index.html"
    ).is_file()
    term = (out / "tags" / "ai" / "index.html").read_text(encoding="utf-8")
    assert ">a<" in term and ">b<" in term  # one term page lists both pages, as Hugo's does
    # Tags with no URL left ("!!!", "???") are dropped, as Hugo drops them (no page, no error).
    assert not (out / "tags" / "-").exists() and report.errors == 0


@pytest.mark.parametrize(
    ("path", "joined"),
    [
        ("a/b/index.html", "/out/a/b/index.html"),
        ("a//b/./c.html", "/out/a/b/c.html"),
        ("./x.html", "/out/x.html"),
        ("../x.html", None),
        ("a/../../x", None),
        ("a/..", None),
        ("/etc/passwd", None),
        ("", None),
        (".", None),
    ],
)
def test_output_paths_are_joined_normalised_or_refused(path: str, joined: str | None) -> None:
    """The one check every written or reused output path goes through (``safe_join``, and
    ``safe_relative`` on top of it): normalised inside the output folder, or refused."""
    from notes_site.output.write import OutputError, safe_join, safe_relative

    if joined is None:
        with pytest.raises(OutputError):
            safe_join("/out", path)
        with pytest.raises(OutputError):
            safe_relative(path)
    else:
        assert safe_join("/out", path) == joined
        assert Path("/out") / safe_relative(path) == Path(joined)
