"""Measure the digest parser on the held-out digests in ``tests/fixtures/heldout/round*/``.

    python scripts/evaluate_parser.py            # the figures, one line per file, per round, in all
    python scripts/evaluate_parser.py -v         # and every paper or entry that is not exact

Each ``NAME.md`` there is a digest in a format (or a variant of one) the parser was not tuned
on, written before the parser was run on it; ``NAME.expected.json`` lists what a reader sees in
it: every entry (``line``, ``timestamp``) and every paper (``key``, ``title_en``, ``title_zh``,
``authors``, ``code``). Each file is read on its own. The rounds were written one after the
other: each round was measured once, blind, before the parser was changed on what it showed
(see the README's parser section for the figures of each first measurement).

Figures, over all files:

* **papers F1**: paper keys found against the expected keys;
* **titles exact** / **authors exact** / **code exact**: share of expected papers found with exactly
  those titles (both languages), author list, and code repositories (the empty list included);
* **entries**: share of expected entries found at their line with their timestamp.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from notes_site.digest.standalone import read_digest_file  # noqa: E402

HELDOUT = REPO / "tests" / "fixtures" / "heldout"


@dataclass
class Score:
    """Counts for one file or for all of them."""

    expected: int = 0
    found: int = 0
    correct: int = 0
    titles: int = 0
    authors: int = 0
    code: int = 0
    entries: int = 0
    entries_found: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("expected", "found", "correct", "titles", "authors", "code", "entries", "entries_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    @property
    def f1(self) -> float:
        precision = self.correct / self.found if self.found else 0.0
        recall = self.correct / self.expected if self.expected else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def share(self, count: int, total: int | None = None) -> str:
        total = self.expected if total is None else total
        return f"{100 * count / total:5.1f}%" if total else "   - "


def score_file(path: Path) -> Score:
    """Compare what the parser reads in *path* with its expected records."""
    expected: dict[str, Any] = json.loads(
        path.with_name(path.name[:-3] + ".expected.json").read_text("utf-8")
    )
    read = read_digest_file(path)
    score = Score(expected=len(expected["papers"]), found=len(read.papers), entries=len(expected["entries"]))
    for want in expected["papers"]:
        paper = read.papers.get(want["key"])
        where = f"{path.name}: {want['key']}"
        if paper is None:
            score.misses.append(f"{where}: not found")
            continue
        score.correct += 1
        checks = {
            "titles": ((paper.title_en, paper.title_zh), (want["title_en"], want["title_zh"])),
            "authors": (list(paper.authors), want["authors"]),
            "code": (list(paper.code), want["code"]),
        }
        for name, (got, wanted) in checks.items():
            if got == wanted:
                setattr(score, name, getattr(score, name) + 1)
            else:
                score.misses.append(f"{where}: {name} {got!r} != {wanted!r}")
    found = {(e.line, e.timestamp) for e in read.digest.entries}
    for want in expected["entries"]:
        if (want["line"], want["timestamp"]) in found:
            score.entries_found += 1
        else:
            score.misses.append(f"{path.name}: entry at line {want['line']} ({want['timestamp']}) not found")
    extra = sorted(found - {(e["line"], e["timestamp"]) for e in expected["entries"]}, key=lambda x: x[0])
    score.misses += [f"{path.name}: unexpected entry at line {line} ({stamp})" for line, stamp in extra]
    return score


def _row(name: str, score: Score) -> str:
    return (
        f"{name:32} {score.expected:6} {score.f1:6.3f} {score.share(score.titles)} "
        f"{score.share(score.authors)} {score.share(score.code)} "
        f"{score.share(score.entries_found, score.entries):>8}"
        f"  ({score.entries_found}/{score.entries} entries)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list every paper or entry that is not exact"
    )
    args = parser.parse_args()
    total = Score()
    print(f"{'file':32} {'papers':>6} {'F1':>6} {'titles':>7} {'authors':>7} {'code':>7} {'entries':>8}")
    for folder in sorted(p for p in HELDOUT.iterdir() if p.is_dir()):
        rounds = Score()
        for path in sorted(folder.glob("*.md")):
            score = score_file(path)
            rounds.add(score)
            print(_row(path.name, score))
        print(_row(f"  {folder.name}", rounds))
        total.add(rounds)
    print(_row("all", total))
    if args.verbose:
        print("\n".join(["", *total.misses]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
