"""Golden output: each pinned site builds to exactly the files recorded in ``tests/golden/manifests``.

A refactoring must leave every byte of every output file (and every diagnostic) as it was;
see ``tests/golden/sites.py`` for how to regenerate the manifests after a deliberate change.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from .golden.sites import MANIFESTS, SEED, SITES, manifest


@pytest.mark.parametrize("name", sorted(SITES))
def test_build_output_matches_golden_manifest(name: str, tmp_path: Path) -> None:
    if name == "seed" and not SEED.exists():
        pytest.skip(f"seed digest not found at {SEED}")
    actual = manifest(name, tmp_path)
    golden = MANIFESTS / f"{name}.txt"
    if os.environ.get("NOTES_SITE_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden manifest {golden}; run with NOTES_SITE_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "\n".join(
            difflib.unified_diff(
                expected.splitlines(), actual.splitlines(), "golden", "this build", n=0, lineterm=""
            )
        )
        pytest.fail(f"build output of {name!r} differs from {golden.name}:\n{diff}")


def test_every_golden_manifest_has_a_site() -> None:
    names = {path.stem for path in MANIFESTS.glob("*.txt")}
    assert names == set(SITES), "a manifest without a site (or the reverse): remove or regenerate it"
