"""The house's rules, read from the source: no import circles, no upward imports, and no
module so long that a newcomer cannot read it.

Floors from the ground up (see docs/architecture.md): accounts, providers and library; then
requests_app; then evaluations and dialogue; then dashboards and api; portal on top, wiring
only. A lower app never imports a higher one; apps on one floor may use each other only one way
(providers uses accounts, never the other way round).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = {
    "accounts": 0,
    "providers": 0,
    "library": 0,
    "requests_app": 1,
    "evaluations": 2,
    "dialogue": 2,
    "dashboards": 3,
    "api": 3,
    "portal": 4,
}
MAX_LINES = 400


def project_modules() -> dict[str, Path]:
    modules = {}
    for app in FLOORS:
        for path in (ROOT / app).rglob("*.py") if (ROOT / app).is_dir() else []:
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


MODULES = project_modules()


def imports_of(name: str, path: Path) -> set[str]:
    """Every project module ``name`` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from a.b import c" imports a.b.c when c is a module, else a.b.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


def app_of(module: str) -> str:
    return module.split(".")[0]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return result


def test_the_walk_sees_the_project():
    assert "requests_app.services.intake" in MODULES
    assert "requests_app.services.base" in GRAPH["requests_app.services.intake"]
    assert "accounts.models" in GRAPH["requests_app.models.requests"]


def test_no_import_circle_among_modules():
    assert cycles(GRAPH) == []


def test_no_import_circle_among_apps():
    # Migrations are frozen history, ordered by their own dependencies (accounts' region seed
    # reads the seed data kept in providers); the code's floors are what this guards.
    apps = {}
    for module, targets in GRAPH.items():
        if ".migrations." in module:
            continue
        apps.setdefault(app_of(module), set()).update(
            app_of(t) for t in targets if app_of(t) != app_of(module)
        )
    assert cycles(apps) == []


def test_no_app_imports_a_higher_floor():
    upward = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if FLOORS[app_of(target)] > FLOORS[app_of(module)]
    ]
    assert upward == []


def test_read_only_floors_never_import_services():
    writes = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if app_of(module) in {"dashboards", "api"}
        for target in targets
        if ".services" in target
    ]
    assert writes == []


def test_no_module_over_400_lines():
    long = {
        name: n
        for name, path in MODULES.items()
        if ".migrations." not in name and (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_circle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
