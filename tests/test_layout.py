"""The package layout: small modules, no import cycles, every package says its job, the README's map is true.

The layers themselves (which package may import which) are import-linter's contracts in
``pyproject.toml``, checked by ``lint-imports`` in ``make test``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import grimp
import tomli

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "notes_site"
MAX_LINES = 400
LAYERS = ("commands", "build", "site", "output", "digest", "markup", "hugo", "base")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_400_lines() -> None:
    sizes = {
        p.relative_to(REPO).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()
    }
    assert sizes, "no modules found"
    too_big = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert not too_big, f"modules over {MAX_LINES} lines (split them by job): {too_big}"


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("notes_site", include_external_packages=False)
    modules = sorted(graph.modules)
    assert "notes_site.digest.parser" in modules
    cycles = []
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain is not None:
                cycles.append(" -> ".join((module, *chain)))
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))


def test_every_layer_package_says_its_job_and_what_it_may_import() -> None:
    for layer in LAYERS:
        init = PACKAGE / layer / "__init__.py"
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring, f"{init} has no docstring"
        assert "May import:" in docstring, f"{init} does not say what it may import"
    for init in PACKAGE.rglob("__init__.py"):
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{init} has no docstring"


def test_readme_module_table_matches_the_tree() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    design = readme[readme.index("## Design") : readme.index("### Why these libraries")]
    listed: set[str] = set()
    layer = ""
    for row in design.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) < 3 or not row.startswith("|") or (set(cells[0]) <= {"-"} and cells[0]):
            continue
        if cells[0].startswith("`"):
            layer = cells[0].strip("`").rstrip("/")
        for name in re.findall(r"`([\w/]+(?:\.py|/))`", cells[1] + " " + cells[2]):
            if name.endswith("/"):
                listed.update(
                    p.relative_to(PACKAGE).as_posix()
                    for p in (PACKAGE / layer / name).glob("*.py")
                    if p.name != "__init__.py"
                )
            elif "/" not in name:
                for candidate in (PACKAGE / layer / name, *(PACKAGE / layer).glob(f"*/{name}")):
                    if candidate.is_file():
                        listed.add(candidate.relative_to(PACKAGE).as_posix())
    actual = {
        p.relative_to(PACKAGE).as_posix()
        for p in _modules()
        if p.name != "__init__.py" and p.parent != PACKAGE
    }
    assert actual - listed == set(), f"modules missing from README's Design table: {sorted(actual - listed)}"
    assert listed - actual == set(), f"README lists modules that do not exist: {sorted(listed - actual)}"


def test_every_package_is_in_the_wheel() -> None:
    """``pyproject.toml`` lists packages one by one (the theme is mapped in from ``templates/``)."""
    config = tomli.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    packages = {".".join(init.parent.relative_to(REPO).parts) for init in PACKAGE.rglob("__init__.py")}
    assert packages - listed == set(), (
        f"packages missing from [tool.setuptools] packages: {packages - listed}"
    )
