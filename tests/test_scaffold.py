"""``notes-site new``: what it writes is what the loader and the digest parser read back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from notes_site.base.errors import UsageError
from notes_site.build.load import load_site
from notes_site.commands.cli import main
from notes_site.commands.scaffold import add_entry, entry_text, normalise_arxiv_id, parse_when
from notes_site.digest.model import Document


def _new(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["new", *args], catch_exceptions=False)
    return result.exit_code, result.output


def _document(site: Path, source: str) -> Document:
    loaded = load_site(site)
    assert [d for d in loaded.diagnostics if d.level != "info"] == []
    return next(d for d in loaded.documents if d.source == source)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    code, output = _new("site", str(root), "--title", "组会笔记")
    assert code == 0, output
    return root


def test_new_site_builds_clean(site: Path) -> None:
    assert (site / "notes-site.toml").is_file()
    assert (site / "templates").is_dir()
    digest = _document(site, "posts/digest.md")
    assert digest.page.title == "论文速递"
    assert [s.path for s in digest.digest.sections] == [("训练范式",), ("预训练",), ("预训练", "数据工程")]
    assert [e.arxiv_ids for e in digest.digest.entries] == [("1706.03762",)]
    result = CliRunner().invoke(main, ["build", str(site), "--strict"])
    assert result.exit_code == 0, result.output
    assert (site / "public/papers/1706.03762/index.html").is_file()
    assert (site / ".notes-site/cache").is_dir(), "the build keeps its cache in the site folder"
    ignored = (site / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/.notes-site/" in ignored and "/public/" in ignored


def test_new_site_refuses_a_folder_with_files(site: Path) -> None:
    code, output = _new("site", str(site))
    assert code == 2
    assert "is not empty" in output


def test_new_digest_writes_toml_front_matter_and_topics(site: Path) -> None:
    code, output = _new(
        "digest", "posts/training.md", "-s", str(site), "--title", "训练", "-t", "训练范式", "-t", "微调"
    )
    assert code == 0, output
    text = (site / "content/posts/training.md").read_text()
    assert text.startswith('+++\ntitle = "训练"\ndate = ')
    assert "\n# 训练\n\n## 训练范式\n\n## 微调\n" in text
    document = _document(site, "posts/training.md")
    assert [s.path for s in document.digest.sections] == [("训练范式",), ("微调",)]
    code, output = _new("digest", "posts/training.md", "-s", str(site))
    assert code == 2 and "already exists" in output


def test_new_entry_appends_under_the_topic_before_subsections(site: Path) -> None:
    code, output = _new(
        "entry",
        "posts/digest.md",
        "Magistral: 推理模型",
        "-s",
        str(site),
        "-t",
        "预训练",
        "--date",
        "2025-06-13 18:50:11",
        "--arxiv",
        "https://arxiv.org/pdf/2506.10910v2",
        "--title",
        "Magistral",
    )
    assert code == 0, output
    line = int(output.split(":")[1])
    entries = _document(site, "posts/digest.md").digest.entries
    entry = next(e for e in entries if e.arxiv_ids == ("2506.10910",))
    assert (entry.section, entry.timestamp, entry.weekday, entry.line) == (
        ("预训练",),
        "2025-06-13T18:50:11",
        "Friday",
        line,
    )
    assert entry.headline == "Magistral: 推理模型"
    assert entry.mentions[0].title_en == "Magistral"
    text = (site / "content/posts/digest.md").read_text()
    assert (
        "## 预训练\n\n2025-06-13 18:50:11 Friday ｜ Magistral: 推理模型\n\n**标题** ： Magistral\n"
        "**链接** ：https://arxiv.org/abs/2506.10910\n\n### 数据工程\n" in text
    )


def test_new_entry_creates_missing_headings(site: Path) -> None:
    _new(
        "entry",
        "posts/digest.md",
        "deep",
        "-s",
        str(site),
        "-t",
        "预训练",
        "-t",
        "分词",
        "--date",
        "2025-07-01",
    )
    _new(
        "entry",
        "posts/digest.md",
        "new",
        "-s",
        str(site),
        "-t",
        "推理",
        "-t",
        "投机解码",
        "--date",
        "2025-07-02",
    )
    document = _document(site, "posts/digest.md")
    sections = [s.path for s in document.digest.sections]
    assert sections == [
        ("训练范式",),
        ("预训练",),
        ("预训练", "数据工程"),
        ("预训练", "分词"),
        ("推理",),
        ("推理", "投机解码"),
    ]
    by_headline = {e.headline: e for e in document.digest.entries}
    assert by_headline["deep"].section == ("预训练", "分词")
    assert by_headline["deep"].timestamp == "2025-07-01T00:00:00"
    assert by_headline["new"].section == ("推理", "投机解码")


def test_headings_inside_code_blocks_are_not_topics(tmp_path: Path) -> None:
    digest = tmp_path / "d.md"
    digest.write_text('+++\ntitle = "D"\n+++\n\n# D\n\n## A\n\n```\n## B\n```\n\n## C\n', encoding="utf-8")
    line = add_entry(digest, ["B"], entry_text(datetime(2025, 6, 13, 18, 50, 11), "x"))
    text = digest.read_text()
    assert text.endswith("## C\n\n## B\n\n2025-06-13 18:50:11 Friday ｜ x\n")
    assert text.splitlines()[line - 1] == "2025-06-13 18:50:11 Friday ｜ x"


def test_entries_go_after_the_topic_s_existing_entries(tmp_path: Path) -> None:
    digest = tmp_path / "d.md"
    digest.write_text("## A\n\n2025-06-01 10:00:00 Sunday ｜ old\n\n\n## B\n", encoding="utf-8")
    add_entry(digest, ["A"], entry_text(datetime(2025, 6, 2, 9, 0), "new", ["2401.10774"]))
    assert digest.read_text() == (
        "## A\n\n2025-06-01 10:00:00 Sunday ｜ old\n\n2025-06-02 09:00:00 Monday ｜ new\n\n"
        "**链接** ：https://arxiv.org/abs/2401.10774\n\n\n## B\n"
    )


def test_dates_and_ids() -> None:
    assert parse_when("2025-06-13 18:50:11") == datetime(2025, 6, 13, 18, 50, 11)
    assert parse_when("2025-06-13") == datetime(2025, 6, 13)
    assert parse_when("2025-06-13T18:50") == datetime(2025, 6, 13, 18, 50)
    with pytest.raises(UsageError, match="cannot read date"):
        parse_when("13/06/2025")
    for text in ("2506.10910", "2506.10910v3", "arXiv:2506.10910", "https://arxiv.org/abs/2506.10910"):
        assert normalise_arxiv_id(text) == "2506.10910"
    with pytest.raises(UsageError, match="not an arXiv id"):
        normalise_arxiv_id("https://github.com/x/y")


def test_bad_entry_arguments_exit_2(site: Path) -> None:
    assert _new("entry", "posts/digest.md", "-s", str(site), "-t", "A", "--date", "yesterday")[0] == 2
    assert _new("entry", "posts/digest.md", "-s", str(site), "-t", "A", "--arxiv", "nope")[0] == 2
    assert _new("entry", "posts/missing.md", "-s", str(site), "-t", "A")[0] == 2
    assert _new("entry", "posts/digest.md", "-s", str(site))[0] == 2  # --topic is required
