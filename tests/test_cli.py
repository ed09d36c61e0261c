"""The command line: exit codes, --strict, settings and flags, check/export formats, --help."""

from __future__ import annotations

import csv
import dataclasses
import functools
import http.server
import io
import json
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from notes_site.build.pipeline import build
from notes_site.commands.cli import main
from notes_site.commands.cli_build import ProgressBar
from notes_site.commands.settings import BuildSettings, PapersSettings, ServeSettings
from notes_site.hugo.config import KNOWN_KEYS

REPO = Path(__file__).resolve().parents[1]
CLEAN = (
    '+++\ntitle = "Clean"\ndate = 2025-06-13\n+++\n\n## 训练范式\n\n'
    "2025-06-13 18:50:11 Friday ｜ Magistral\n\n"
    "**标题** ： Magistral\n**链接** ：https://arxiv.org/abs/2506.10910\n"
)
WARNING = (
    '+++\ntitle = "Odd"\ndate = 2025-06-13\n+++\n\n## T\n\n2025-06-13 18:50:11 Monday ｜ wrong weekday\n'
)
BROKEN = '+++\ntitle = "Broken"\ndate = = 2025\n+++\n'


def _site(root: Path, files: dict[str, str], config: str = 'title = "T"\n') -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "notes-site.toml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _invoke(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


# --- build: exit codes and --strict ---------------------------------------------------------------


def test_build_clean_content_exits_0_with_a_summary(tmp_path: Path) -> None:
    site = _site(tmp_path, {"posts/clean.md": CLEAN})
    result = _invoke("build", str(site))
    assert result.exit_code == 0, result.output
    assert "papers, 1 entries, 0 warnings, 0 errors in" in result.stderr
    assert (site / "public" / "posts" / "clean" / "index.html").is_file()


def test_strict_fails_on_a_warning_and_passes_on_clean_content(tmp_path: Path) -> None:
    odd = _site(tmp_path / "odd", {"posts/odd.md": WARNING})
    clean = _site(tmp_path / "clean", {"posts/clean.md": CLEAN})
    assert _invoke("build", str(odd)).exit_code == 0
    failed = _invoke("build", str(odd), "--strict")
    assert failed.exit_code == 1
    assert "posts/odd.md:8: warning: 2025-06-13 is a Friday, but the entry says Monday" in failed.stderr
    assert "1 warnings and --strict" in failed.stderr
    assert _invoke("build", str(clean), "--strict").exit_code == 0


def test_content_errors_exit_1_and_name_the_place(tmp_path: Path) -> None:
    site = _site(tmp_path, {"posts/broken.md": BROKEN, "posts/clean.md": CLEAN})
    result = _invoke("build", str(site))
    assert result.exit_code == 1
    assert "posts/broken.md:3: error: TOML front matter does not parse" in result.stderr
    assert (site / "public" / "posts" / "clean" / "index.html").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--no-such-flag"],
        ["build", "/no/such/folder"],
        ["serve", "--port", "99999"],
        ["export", "--format", "yaml"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert CliRunner().invoke(main, args).exit_code == 2


def test_quiet_prints_errors_only(tmp_path: Path) -> None:
    odd = _site(tmp_path / "odd", {"posts/odd.md": WARNING})
    assert _invoke("build", str(odd), "-q").stderr == ""
    strict = _invoke("build", str(odd), "-q", "--strict")
    assert strict.exit_code == 1 and "warning:" in strict.stderr
    broken = _site(tmp_path / "broken", {"posts/b.md": BROKEN})
    assert "error:" in _invoke("build", str(broken), "-q").stderr


def test_verbose_adds_info(tmp_path: Path) -> None:
    site = _site(tmp_path, {"p.md": CLEAN}, config='title = "T"\nmystery = 1\n')
    assert "info:" not in _invoke("build", str(site)).stderr
    assert "info: config keys not used by notes-site: mystery" in _invoke("build", str(site), "-v").stderr


# --- settings: notes-site.toml, environment, flags ------------------------------------------------


def test_build_settings_from_notes_site_toml_with_flags_on_top(tmp_path: Path) -> None:
    config = 'title = "T"\n[build]\noutput = "out"\nstrict = true\n'
    site = _site(tmp_path, {"posts/odd.md": WARNING}, config)
    assert _invoke("build", str(site)).exit_code == 1  # [build] strict
    assert _invoke("build", str(site), "--no-strict").exit_code == 0
    assert (site / "out" / "index.html").is_file()
    assert _invoke("build", str(site), "--no-strict", "-o", str(tmp_path / "elsewhere")).exit_code == 0
    assert (tmp_path / "elsewhere" / "index.html").is_file()


def test_drafts_from_settings_and_flags(tmp_path: Path) -> None:
    draft = '+++\ntitle = "Draft"\ndraft = true\n+++\nwip\n'
    site = _site(tmp_path, {"posts/d.md": draft}, 'title = "T"\n[build]\ndrafts = true\n')
    _invoke("build", str(site))
    assert (site / "public/posts/d/index.html").is_file()
    _invoke("build", str(site), "--no-drafts")
    assert not (site / "public/posts/d/index.html").exists()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[build]\noutptu = 'x'\n", "unknown key 'outptu' in [build]"),
        ("[serve]\nport = 'high'\n", "[serve] port should be int"),
        ("[serve]\nport = true\n", "[serve] port should be int"),
        ("build = 3\n", "[build] must be a table"),
    ],
)
def test_bad_settings_are_usage_errors(tmp_path: Path, config: str, message: str) -> None:
    site = _site(tmp_path, {"p.md": CLEAN}, config)
    result = _invoke("build", str(site))
    assert result.exit_code == 2
    assert message in result.stderr


def test_base_url_from_the_environment_and_the_flag(tmp_path: Path) -> None:
    site = _site(tmp_path, {"posts/clean.md": CLEAN}, 'title = "T"\nbaseURL = "https://config.example/"\n')
    env = {"NOTES_SITE_BASE_URL": "https://ci.example/notes/"}
    assert _invoke("build", str(site), env=env).exit_code == 0
    page = (site / "public/posts/clean/index.html").read_text()
    assert (
        'href="/notes/' in page and "https://ci.example/notes/" in (site / "public/sitemap.xml").read_text()
    )
    _invoke("build", str(site), "--base-url", "https://flag.example/x/", env=env)
    assert 'href="/x/' in (site / "public/posts/clean/index.html").read_text()


# --- reproducible builds ---------------------------------------------------------------------------


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_of_the_example_site_are_byte_identical(tmp_path: Path) -> None:
    first = build(REPO, tmp_path / "one", search=False)
    build(REPO, tmp_path / "two", search=False)
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert first.pages == len(one) > 50
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_with_search_only_the_pagefind_index_differs(tmp_path: Path) -> None:
    """Pagefind 1.5.2 writes its filter maps in hash order; every page stays byte-identical."""
    build(REPO, tmp_path / "one")
    build(REPO, tmp_path / "two")
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert any(name.startswith("pagefind/") for name in one)
    pages = {name: data for name, data in one.items() if not name.startswith("pagefind/")}
    assert pages == {name: data for name, data in two.items() if not name.startswith("pagefind/")}


def test_build_reports_progress(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    report = build(REPO, tmp_path / "out", progress=lambda *call: calls.append(call))
    assert calls[0] == ("load", 0, 1)
    assert ("load", 1, 1) in calls
    written = [(done, total) for stage, done, total in calls if stage in ("write", "copy")]
    assert written, "no write progress reported"
    assert [done for done, _ in written] == sorted(done for done, _ in written), "progress went backwards"
    assert written[-1] == (report.pages, report.pages)


# --- check -----------------------------------------------------------------------------------------


def test_check_prints_diagnostics_like_a_compiler(tmp_path: Path) -> None:
    site = _site(tmp_path, {"posts/odd.md": WARNING, "posts/broken.md": BROKEN})
    text = _invoke("check", str(site))
    assert text.exit_code == 1
    lines = text.stdout.splitlines()
    assert lines[0].startswith("posts/broken.md:3: error: ")
    assert lines[1].startswith("posts/odd.md:8: warning: ")
    data = json.loads(_invoke("check", str(site), "--format", "json").stdout)
    assert [(d["source"], d["line"], d["level"]) for d in data] == [
        ("posts/broken.md", 3, "error"),
        ("posts/odd.md", 8, "warning"),
    ]
    assert not (site / "public").exists()


@pytest.fixture
def link_server() -> Iterator[str]:
    """A local server with /ok (200) and everything else 404."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_check_links_reports_broken_links(tmp_path: Path, link_server: str) -> None:
    body = f"+++\ntitle = 'L'\n+++\n\n[ok]({link_server}/ok)\n\n![gone]({link_server}/gone.png)\n"
    site = _site(tmp_path, {"l.md": body})
    assert _invoke("check", str(site)).stdout == ""  # links are not tried without --links
    result = _invoke("check", str(site), "--links")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"l.md:7: warning: image {link_server}/gone.png answers HTTP 404 Not Found — fix or remove the link"
    ]
    assert _invoke("check", str(site), "--links", "--strict").exit_code == 1


def test_check_links_offline_reports_rather_than_fails(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]  # nothing listens here once the socket closes
    site = _site(tmp_path, {"l.md": f"+++\ntitle = 'L'\n+++\n\n<http://127.0.0.1:{closed}/x>\n"})
    result = _invoke("check", str(site), "--links", "--strict", "--timeout", "1")
    assert result.exit_code == 0
    assert "info: no external link could be reached" in result.stdout
    assert "1 links not checked" in result.stdout


# --- export ----------------------------------------------------------------------------------------


def test_export_formats(tmp_path: Path) -> None:
    site = _site(tmp_path, {"posts/clean.md": CLEAN})
    model = json.loads(_invoke("export", str(site)).stdout)
    assert [p["arxiv_id"] for p in model["papers"]] == ["2506.10910"]
    bib = _invoke("export", str(site), "--format", "bibtex").stdout
    assert bib.startswith("@misc{arxiv2025magistral,\n  title = {Magistral},")
    assert "eprint = {2506.10910}" in bib
    rows = list(csv.DictReader(io.StringIO(_invoke("export", str(site), "--format", "csv").stdout)))
    assert rows == [
        {
            "arxiv_id": "2506.10910",
            "title_en": "Magistral",
            "title_zh": "",
            "authors": "",
            "authors_truncated": "false",
            "first_seen": "2025-06-13T18:50:11",
            "mentions": "1",
            "sources": "posts/clean.md",
            "code": "",
            "url": "/papers/2506.10910/",
        }
    ]
    out = tmp_path / "papers.csv"
    assert _invoke("export", str(site), "--format", "csv", "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("arxiv_id,title_en,")


# --- help and version ------------------------------------------------------------------------------


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    context = click.Context(group)
    for name in group.list_commands(context):  # the public API: commands load lazily
        command = group.get_command(context, name)
        assert command is not None, name
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_command_has_help_with_an_example() -> None:
    commands = list(_commands(main))
    assert {"build", "serve", "check", "export", "new", "new site", "new digest", "new entry"} <= {
        " ".join(c) for c in commands
    }
    for command in commands:
        result = _invoke(*command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, command
        assert "notes-site " + command[0] in result.stdout, command


def test_version() -> None:
    result = _invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("notes-site, version ")


# --- serve from the command line -------------------------------------------------------------------


def _notes_site() -> list[str]:
    return [sys.executable, "-m", "notes_site"]


def test_serve_runs_until_ctrl_c_and_exits_0(tmp_path: Path) -> None:
    site = _site(tmp_path, {"posts/clean.md": CLEAN})
    process = subprocess.Popen(
        [*_notes_site(), "serve", str(site), "--port", "0"], stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr is not None
        lines = [process.stderr.readline() for _ in range(2)]
        assert lines[0].startswith("built ") or "built " in lines[0]
        assert lines[1].startswith(f"serving {site} at http://127.0.0.1:")
        url = lines[1].split(" at ")[1].split()[0]
        with urllib.request.urlopen(url + "posts/clean/", timeout=5) as response:
            assert response.status == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert "stopped" in process.stderr.read()
    finally:
        process.kill()


def test_serve_on_a_busy_explicit_port_exits_2(tmp_path: Path) -> None:
    site = _site(tmp_path, {"posts/clean.md": CLEAN})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [*_notes_site(), "serve", str(site), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 2
    assert f"port {port} is already in use on 127.0.0.1" in result.stderr


# --- the config reference --------------------------------------------------------------------------


def test_the_config_reference_lists_every_key() -> None:
    reference = (REPO / "docs" / "config.md").read_text(encoding="utf-8").lower()
    for key in KNOWN_KEYS - {"build", "serve", "papers"}:
        assert f"`{key}`" in reference or f"`{key}" in reference, key
    for table in (BuildSettings, ServeSettings, PapersSettings):
        for field in dataclasses.fields(table):
            assert f"| `{field.name}` |" in reference, field.name


def test_the_progress_bar_shows_only_when_enabled(tmp_path: Path) -> None:
    hidden = ProgressBar(enabled=False, delay=0)
    build(REPO, tmp_path / "a", progress=hidden)
    assert hidden.progress is None
    shown = ProgressBar(enabled=True, delay=0)
    build(REPO, tmp_path / "b", progress=shown)
    shown.close()
    assert shown.progress is not None  # started (transient: it leaves nothing behind)
