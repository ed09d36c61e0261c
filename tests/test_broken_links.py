"""Local links and images that lead nowhere get a ``broken-link`` warning at ``file:line``, from
``build`` and from ``check`` alike; links that work get none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notes_site.build.load import load_site
from notes_site.build.pipeline import build
from notes_site.hugo.page import LoadOptions
from notes_site.site.targets import LinkTargets

from .golden.sites import NOW, SITES
from .test_cli import _invoke, _site

REPO = Path(__file__).resolve().parents[1]

PAGE = """---
title: a
tags: [强化学习]
---
# 训练范式

![ok](/img/ok.png) ![no](/img/x.png)
[page](/posts/b/) [relative](../b/) [bad](/posts/nope/) [source](b.md) [no source](c.md)
[tag](/tags/强化学习/) [topic](/topics/训练范式/) [paper](/papers/2506.10910/) [feed](/index.xml)
[base](/notes/img/ok.png) [ext](https://x.org/y) [mail](mailto:a@b.c) [anchor](#x) [query](?q=1)
[encoded](/tags/%E5%BC%BA%E5%8C%96%E5%AD%A6%E4%B9%A0/) [search](/en/search/)

2025-06-13 18:50:11 Friday ｜ h

**链接** ：https://arxiv.org/abs/2506.10910
"""

NO_SUCH = "the site has no such page or file"
EXPECTED = [
    ("posts/a.md", 7, "broken image: /img/x.png: the site has no such page or file"),
    ("posts/a.md", 8, "broken link: /posts/nope/: the site has no such page or file"),
    # b.md names the bundle posts/b/ (Hugo's GetPage drops the extension); c.md names nothing.
    ("posts/a.md", 8, "broken link: c.md (that is /posts/a/c.md): the site has no such page or file"),
    (
        "posts/b/index.md",
        4,
        "broken image: missing.png (that is /posts/b/missing.png): the site has no such page or file",
    ),
]


def _links_site(tmp_path: Path) -> Path:
    site = _site(
        tmp_path / "site",
        {
            "posts/a.md": PAGE,
            "posts/b/index.md": "---\ntitle: b\n---\n![](res.png) ![](missing.png)\n",
            "posts/b/res.png": "",
        },
        config='title = "T"\nbaseURL = "https://x.org/notes/"\n[languages.zh]\n[languages.en]\n',
    )
    (site / "static" / "img").mkdir(parents=True)
    (site / "static" / "img" / "ok.png").write_bytes(b"")
    return site


def test_build_reports_broken_local_links_at_their_line(tmp_path: Path) -> None:
    report = build(_links_site(tmp_path), tmp_path / "out", search=False)
    found = [(d.source, d.line, d.message) for d in report.diagnostics if d.code == "broken-link"]
    assert sorted(found) == EXPECTED


def test_check_reports_the_same(tmp_path: Path) -> None:
    result = _invoke("check", str(_links_site(tmp_path)), "--format", "json")

    found = [
        (d["source"], d["line"], d["message"])
        for d in json.loads(result.output)
        if d.get("code") == "broken-link"
    ]
    assert sorted(found) == EXPECTED
    assert result.exit_code == 0
    assert _invoke("check", str(_links_site(tmp_path / "again")), "--strict").exit_code == 1


@pytest.mark.parametrize("name", sorted(name for name in SITES if name != "seed"))
def test_every_file_a_build_writes_is_a_link_target(name: str, tmp_path: Path) -> None:
    """The target list is computed without rendering; it must know every file a build writes."""
    folder = SITES[name](tmp_path)
    out = tmp_path / "out"
    build(folder, out, LoadOptions(now=NOW), search=name == "example")
    targets = LinkTargets(load_site(folder, LoadOptions(now=NOW)))
    missing = [
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if path.is_file() and not targets.exists("/" + path.relative_to(out).as_posix())
    ]
    assert missing == []
