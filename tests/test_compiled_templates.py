"""Compiled templates kept between builds: in memory for ``serve`` (``KeptTemplates``), in the
build cache for ``build``; a template edited since is compiled again, never used stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment

from notes_site.build.cache import BuildCache
from notes_site.build.pipeline import build
from notes_site.site.templates import KeptTemplates, site_environment
from notes_site.site.views.hrefs import Hrefs

from .sitegen import generate


def _environment(folder: Path, compiled: BytecodeCache) -> tuple[Environment, list[str]]:
    """An environment as a build makes one, and the names of the templates it compiles."""
    env = site_environment([folder], Hrefs("https://example.org/"), None, compiled)
    compiled_names: list[str] = []
    compile_source = env.compile

    def counting(source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled_names.append(str(name))
        return compile_source(source, name, *args, **kwargs)

    env.compile = counting  # type: ignore[method-assign]
    return env, compiled_names


def test_kept_templates_are_reused_until_their_source_changes(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("first {{ x }}\n", encoding="utf-8")
    kept = KeptTemplates()

    env, compiled = _environment(tmp_path, kept)
    assert env.get_template("page.html").render(x=1) == "first 1\n"
    assert compiled == ["page.html"]

    env, compiled = _environment(tmp_path, kept)  # the next build: a new environment
    assert env.get_template("page.html").render(x=2) == "first 2\n"
    assert compiled == [], "an unchanged template was compiled again"

    (tmp_path / "page.html").write_text("second {{ x }}\n", encoding="utf-8")
    env, compiled = _environment(tmp_path, kept)
    assert env.get_template("page.html").render(x=3) == "second 3\n"
    assert compiled == ["page.html"]


def test_a_cached_build_keeps_compiled_templates_and_sees_an_edited_one(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", documents=3, entries=2)
    out = tmp_path / "public"
    build(site, out, search=False, workers=1)
    folder = BuildCache(site).root / "templates"
    assert any(folder.iterdir()), "no compiled template was kept in the build cache"
    assert not BuildCache(site, enabled=False).templates()

    override = site / "templates" / "paper.html"
    override.parent.mkdir(exist_ok=True)
    override.write_text('{% extends "base.html" %}{% block main %}<p>MY PAPER PAGE</p>{% endblock %}\n')
    build(site, out, search=False, workers=1)
    page = next(out.glob("papers/*/index.html"))
    assert "MY PAPER PAGE" in page.read_text(encoding="utf-8")
    override.write_text('{% extends "base.html" %}{% block main %}<p>EDITED AGAIN</p>{% endblock %}\n')
    build(site, out, search=False, workers=1)
    assert "EDITED AGAIN" in page.read_text(encoding="utf-8")
