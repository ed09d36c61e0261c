"""Time a saved edit as `serve`'s build process makes it, stage by stage, in one process.

    python scripts/edit_stages.py SITE [--edits 5] [--workers 1] [--profile prof.out]

Builds SITE once into a temporary folder with a :class:`BuildMemory` (as the preview's build
process keeps one), then edits the first headline of one digest *--edits* times, building after
each, and prints each build's stages and the median. The site's file is restored at the end.
SITE is a generated benchmark site (``scripts/benchmark.py``'s ``generate``) or any other.
"""

from __future__ import annotations

import argparse
import cProfile
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notes_site.build.memory import BuildMemory
from notes_site.build.pipeline import build


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the last edit here")
    args = parser.parse_args()
    digests = sorted((args.site / "content").rglob("*.md"))
    target = next((path for path in digests[len(digests) // 2 :] if "｜" in path.read_text("utf-8")), None)
    if target is None:
        raise SystemExit(f"no digest with a dated entry under {args.site / 'content'}")
    original = target.read_text(encoding="utf-8")
    out = Path(tempfile.mkdtemp(prefix="edit-stages-"))
    memory = BuildMemory()
    try:
        started = time.perf_counter()
        report = build(args.site, out, search=False, in_place=True, memory=memory, workers=args.workers)
        print(f"first build {time.perf_counter() - started:.2f} s ({report.pages} files)")
        previous, seconds = report.manifest, []
        for number in range(args.edits):
            target.write_text(re.sub(r"｜[^\n]*", f"｜ edit {number}", original, count=1), encoding="utf-8")
            profile = cProfile.Profile() if args.profile and number == args.edits - 1 else None
            started = time.perf_counter()
            if profile is not None:
                profile.enable()
            report = build(
                args.site,
                out,
                search=False,
                in_place=True,
                memory=memory,
                previous=previous,
                workers=args.workers,
            )
            if profile is not None:
                profile.disable()
                profile.dump_stats(args.profile)
            seconds.append(time.perf_counter() - started)
            previous = report.manifest
            stages = ", ".join(f"{name} {value:.3f}" for name, value in report.stages)
            print(f"edit {number}: {seconds[-1]:.3f} s; {report.rendered} rendered; {stages}")
        print(f"median of {len(seconds)} edits: {statistics.median(seconds):.3f} s")
    finally:
        target.write_text(original, encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
