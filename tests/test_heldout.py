"""The held-out evaluation (``scripts/evaluate_parser.py``) stays at or above the aims it reached.

The digests in ``tests/fixtures/heldout/`` were written before the parser was run on them; the
README's parser section reports each round's first, blind measurement. These tests only keep a
later change from falling below what each round reached after it: the issue's aims on the rounds
tuned to them, the figures reached so far on the newest.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "evaluate_parser.py"


def _evaluation() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate_parser", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


TUNED = ("round1", "round2", "round3", "round4", "round5")
"""Rounds the parser was changed for after their blind measurement until they met the aims."""

FLOORS = {
    "round6": {"f1": 0.99, "titles": 0.96, "authors": 0.93, "code": 0.94},
    "round7": {"f1": 1.0, "titles": 0.88, "authors": 0.93, "code": 0.87},
    "round8": {"f1": 0.99, "titles": 0.80, "authors": 0.81, "code": 0.88},
    "round9": {"f1": 0.98, "titles": 0.85, "authors": 0.81, "code": 0.88},
    "round10": {"f1": 0.98, "titles": 0.60, "authors": 0.43, "code": 0.62},
}
"""Rounds not (yet) at the aims: what they reached after their changes, kept from falling."""


def _score(evaluation: ModuleType, rounds: tuple[str, ...]) -> Any:
    total = evaluation.Score()
    for name in rounds:
        for path in sorted((evaluation.HELDOUT / name).glob("*.md")):
            total.add(evaluation.score_file(path))
    return total


def test_heldout_digests_meet_the_aims() -> None:
    evaluation = _evaluation()
    total = _score(evaluation, TUNED)
    assert total.expected >= 250
    assert total.f1 >= 0.99, total.misses
    assert total.titles / total.expected >= 0.97, total.misses
    assert total.authors / total.expected >= 0.97, total.misses
    assert total.code / total.expected >= 0.95, total.misses
    assert total.entries_found == total.entries, total.misses


def test_rounds_below_the_aims_keep_what_they_reached() -> None:
    evaluation = _evaluation()
    every = {path.parent.name for path in evaluation.HELDOUT.glob("round*/*.md")}
    assert every == set(TUNED) | set(FLOORS), "a new round must be measured, then listed here"
    for name, floor in FLOORS.items():
        total = _score(evaluation, (name,))
        assert total.f1 >= floor["f1"], total.misses
        for field in ("titles", "authors", "code"):
            reached = getattr(total, field) / total.expected
            assert reached >= floor[field], (name, field, total.misses)
