"""``notes-site new site|digest|entry``: scaffold a site, a digest, or append a dated entry."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from notes_site.commands.cli_options import (
    EXIT_USAGE,
    run,
)
from notes_site.commands.scaffold import (
    add_entry,
    content_file,
    entry_text,
    new_digest,
    new_site,
    normalise_arxiv_id,
    parse_when,
)


@click.group()
def new() -> None:
    """Scaffold a site, a digest file or a dated entry.

    \b
    Examples:
      notes-site new site ~/notes --title "Paper notes"
      notes-site new digest posts/training.md -t 训练范式 -t 预训练
      notes-site new entry posts/training.md -t 预训练 -t 数据工程 --arxiv 2506.10910 "Magistral"
    """


SITE_OPTION = click.option(
    "-s",
    "--site",
    "site_dir",
    default=".",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The site folder; DIGEST paths are relative to its content folder.",
)


@new.command("site")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Paper notes", show_default=True, help="Site title.")
def new_site_command(path: Path, title: str) -> None:
    """Create a site: notes-site.toml, content/ with a sample digest, an empty templates/.

    \b
    Example:
      notes-site new site ~/notes --title "组会论文笔记" && notes-site serve ~/notes
    """
    files = run(lambda: new_site(path, title=title, now=datetime.now().astimezone()))
    for file in files:
        click.echo(f"created {file}")


@new.command("digest")
@click.argument("digest")
@SITE_OPTION
@click.option("--title", help="Title [default: the file name].")
@click.option("-t", "--topic", "topics", multiple=True, help="A topic heading (repeat for more).")
@click.option("--draft", is_flag=True, help="Mark it as a draft (serve --drafts shows it).")
def new_digest_command(
    digest: str, site_dir: Path, title: str | None, topics: tuple[str, ...], draft: bool
) -> None:
    """Create a digest file: front matter (+++ TOML), its title heading and topic headings.

    \b
    Examples:
      notes-site new digest posts/training.md --title 训练 -t 训练范式 -t 预训练 -t 微调
      notes-site new digest posts/reading.en.md --title Reading -t Agents
    """
    path = run(lambda: content_file(site_dir, digest))
    name = title or Path(digest).stem.split(".")[0]
    written = run(
        lambda: new_digest(path, title=name, topics=topics, now=datetime.now().astimezone(), draft=draft)
    )
    click.echo(f"created {written}")


@new.command("entry")
@click.argument("digest")
@click.argument("headline", required=False, default="")
@SITE_OPTION
@click.option(
    "-t",
    "--topic",
    "topics",
    multiple=True,
    required=True,
    help="Topic heading; repeat for a sub-topic (-t 预训练 -t 数据工程). Created when missing.",
)
@click.option("--date", "when", help="2025-06-13 18:50:11 or 2025-06-13 [default: now].")
@click.option("--arxiv", "arxiv_ids", multiple=True, help="An arXiv id or URL (repeat for more).")
@click.option("--title", "paper_title", help="The paper's title (a **标题** line).")
def new_entry_command(
    digest: str,
    headline: str,
    site_dir: Path,
    topics: tuple[str, ...],
    when: str | None,
    arxiv_ids: tuple[str, ...],
    paper_title: str | None,
) -> None:
    """Append a dated entry under a topic heading of a digest.

    Writes `2025-06-13 18:50:11 Friday ｜ HEADLINE`, then `**链接** ：https://arxiv.org/abs/ID`
    for each --arxiv (no network needed), at the end of the topic's own entries.

    \b
    Examples:
      notes-site new entry posts/training.md -t 训练范式 "SRFT: 单阶段监督-强化微调"
      notes-site new entry posts/training.md -t 预训练 -t 数据工程 --arxiv 2506.10910 \\
          --title "Magistral" --date "2025-06-13 18:50:11"
    """
    moment = run(lambda: parse_when(when)) if when else datetime.now().replace(microsecond=0)
    ids = run(lambda: [normalise_arxiv_id(text) for text in arxiv_ids])
    path = run(lambda: content_file(site_dir, digest))
    if not path.is_file():
        click.echo(f"error: {path} does not exist; create it with `notes-site new digest`", err=True)
        sys.exit(EXIT_USAGE)
    line = run(lambda: add_entry(path, topics, entry_text(moment, headline, ids, paper_title)))
    click.echo(f"{path}:{line}: added entry under {' › '.join(topics)}")
