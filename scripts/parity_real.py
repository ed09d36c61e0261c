"""Build real Hugo sites with notes-site and with Hugo, and compare every page's body.

    python scripts/parity_real.py SITE_DIR [SITE_DIR …] [--details DIR]

For each site: ``notes-site build`` must succeed (a refusal or a traceback is counted and
shown); then Hugo renders every page's ``.Content`` (tests/parity/hugo_bodies.py: the site's
own page templates and render hooks set aside, missing theme shortcodes stubbed) and each
page's body is compared with notes-site's, normalised (tests/parity/bodies.py), with the
declared improvements that change structure (CJK-aware linkify, MathML) switched off.

Pages are counted in groups: *compared* (markdown pages both sides render, calling no
shortcode notes-site lacks), *theme shortcode* (they call a theme's shortcode: neither side
can render it from the content alone), *declared* (they call ``youtube``, rendered as a plain
link on purpose) and *digest* (notes-site's own page kind); a URL two pages claim (``url:``
set alike in both) is counted apart, since notes-site keeps the first (with a warning) and Hugo
writes whichever it renders last. For compared pages it prints how many have the same text and
the same markup. ``--details DIR`` writes the first difference of every differing page to ``DIR/<site>.txt``.
Nothing leaves this machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notes_site.base.errors import NotesSiteError
from notes_site.build.pipeline import build
from notes_site.hugo.page import LoadOptions
from tests.parity.bodies import compare_bodies, first_difference
from tests.parity.hugo_bodies import (
    DECLARED_SHORTCODES,
    OUR_SHORTCODES,
    closed_shortcodes_in,
    defined_shortcodes,
    our_bodies,
    run_hugo_bodies,
    same_file,
    shortcodes_in,
)


@dataclass(slots=True)
class SiteResult:
    """The figures of one site."""

    name: str
    build: str = "ok"
    pages: int = 0
    compared: int = 0
    text_equal: int = 0
    markup_equal: int = 0
    theme_shortcode: int = 0
    declared: int = 0
    digest: int = 0
    hugo_missing: int = 0
    shared: int = 0
    hugo_status: str = ""
    details: list[str] = field(default_factory=list)


def _build(site: Path, work: Path) -> str:
    try:
        report = build(site, work / "notes-site-public", LoadOptions(), search=False)
    except NotesSiteError as error:
        return f"refused: {error}"
    except Exception:  # a traceback is exactly what this script is looking for
        return "traceback:\n" + traceback.format_exc()
    return f"ok ({report.pages} files, {report.warnings} warnings, {report.errors} errors)"


def compare_site(site: Path) -> SiteResult:
    """Build *site* both ways and compare its pages' bodies."""
    result = SiteResult(site.parent.name + "/" + site.name if site.name == "exampleSite" else site.name)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result.build = _build(site, work)
        if not result.build.startswith("ok"):
            return result
        ours = our_bodies(site)
        themed = defined_shortcodes(site)  # a theme's own figure/details/… is theme-specific
        used = set().union(*(shortcodes_in(p.body) for p in ours.values())) if ours else set()
        paired = set().union(*(closed_shortcodes_in(p.body) for p in ours.values())) if ours else set()
        hugo = run_hugo_bodies(site, work / "hugo", used, paired)
        result.hugo_status = f"exit {hugo.returncode}" + (f": {hugo.log[0][:200]}" if hugo.returncode else "")
        for key, page in sorted(ours.items()):
            result.pages += 1
            names = shortcodes_in(page.body)
            if page.shared:
                result.shared += 1
            elif page.digest:
                result.digest += 1
            elif names - OUR_SHORTCODES - DECLARED_SHORTCODES or names & themed:
                result.theme_shortcode += 1
            elif names & DECLARED_SHORTCODES:
                result.declared += 1
            elif key not in hugo.bodies:
                result.hugo_missing += 1
            elif not same_file(hugo.paths.get(key, ""), page):
                result.shared += 1  # Hugo wrote another page with the same URL there
            else:
                comparison = compare_bodies(hugo.bodies[key], page.html)
                result.compared += 1
                result.text_equal += comparison.text_equal
                result.markup_equal += comparison.markup_equal
                if not comparison.markup_equal:
                    kind = "markup" if comparison.text_equal else "TEXT"
                    result.details.append(f"== {page.source} [{kind}]\n{first_difference(comparison)}\n")
    return result


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--details", type=Path, help="write each site's differences to DIR/<site>.txt")
    args = parser.parse_args(argv)
    results: list[SiteResult] = []
    header = "| site | build | pages | compared | same text | same markup | theme shortcodes | declared | digests |"  # noqa: E501
    print(header)
    print("|" + "---|" * 9)
    for site in args.sites:
        started = time.perf_counter()
        result = compare_site(site.resolve())
        results.append(result)
        build_cell = "ok" if result.build.startswith("ok") else result.build.split("\n")[0]
        print(
            f"| {result.name} | {build_cell} | {result.pages} | {result.compared} | "
            f"{result.text_equal} ({_percent(result.text_equal, result.compared)}) | "
            f"{result.markup_equal} ({_percent(result.markup_equal, result.compared)}) | "
            f"{result.theme_shortcode} | {result.declared} | {result.digest} |"
            + (f" hugo {result.hugo_status}" if result.hugo_status != "exit 0" else "")
            + (f" ({result.hugo_missing} not rendered by Hugo)" if result.hugo_missing else "")
            + (f" ({result.shared} URLs two pages claim)" if result.shared else "")
            + f" {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        if not result.build.startswith("ok"):
            print(result.build, file=sys.stderr)
        if args.details:
            args.details.mkdir(parents=True, exist_ok=True)
            (args.details / f"{result.name.replace('/', '_')}.txt").write_text("\n".join(result.details))
    compared = sum(r.compared for r in results)
    text = sum(r.text_equal for r in results)
    markup = sum(r.markup_equal for r in results)
    failed = sum(not r.build.startswith("ok") for r in results)
    print(
        f"\nall: {len(results)} sites, {failed} failed builds; {compared} pages compared: "
        f"same text {text} ({_percent(text, compared)}), same markup {markup} ({_percent(markup, compared)})"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
