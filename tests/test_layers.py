"""The one-way rules of DESIGN.md, read from the code's own import statements at every
depth (an import inside a function counts as much as one at the top):

    web, cli, tasks -> services -> (models, text, sources, matching, reports)

The pure layers import no Flask and no database; services never reach for the Flask
app; nothing below the services calls them; and no workbench module imports itself
back through others, however deferred the import.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
PURE = ("workbench.text", "workbench.sources", "workbench.matching", "workbench.reports")
# Within the workbench, the pure layers use one another, the lexicon and domain errors.
PURE_MAY_USE = (*PURE, "workbench.lexicon", "workbench.errors")
FLASK = ("flask", "flask_login", "flask_sqlalchemy", "flask_wtf")
WEB_OR_DATABASE = (*FLASK, "sqlalchemy", "werkzeug")
CALLERS = ("workbench.web", "workbench.cli", "workbench.tasks")


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _in(name: str, *prefixes: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


@cache
def _tree(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"))


@cache
def imports(module: str) -> frozenset[str]:
    """Every module ``module`` imports, at any depth; ``from package import name``
    counts as importing ``package.name`` when that is a workbench module."""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    return frozenset(found)


def _breaches(modules, forbidden) -> list[str]:
    return [
        f"{module} imports {target}"
        for module in modules
        for target in sorted(imports(module))
        if forbidden(target)
    ]


def test_the_pure_layers_import_no_web_database_or_layer_above():
    pure = [m for m in MODULES if _in(m, *PURE)]
    assert len(pure) > 40, "the pure layers are found"
    assert (
        _breaches(
            pure,
            lambda t: (
                _in(t, *WEB_OR_DATABASE) or (_in(t, "workbench") and not _in(t, *PURE_MAY_USE))
            ),
        )
        == []
    )


def test_services_import_no_caller_no_flask_and_no_queue():
    """A service takes a session and plain values and queues jobs through
    ``workbench.jobs`` handles; the Flask app and its extensions (``db``'s app-bound
    session, the queue binding) and the jobs themselves stay above it."""
    services = [m for m in MODULES if _in(m, "workbench.services")]
    assert (
        _breaches(
            services,
            lambda t: _in(t, *CALLERS, *FLASK, "workbench.queue") or t == "workbench",
        )
        == []
    )
    extension_objects = [
        f"{module} imports {alias.name} from workbench.extensions"
        for module in services
        for node in ast.walk(_tree(module))
        if isinstance(node, ast.ImportFrom) and node.module == "workbench.extensions"
        for alias in node.names
        if alias.name != "Base"
    ]
    assert extension_objects == [], "the declarative Base (table metadata) is all they take"
    current_app = [
        f"{module}:{node.lineno}"
        for module in services
        for node in ast.walk(_tree(module))
        if (isinstance(node, ast.Name) and node.id == "current_app")
        or (isinstance(node, ast.Attribute) and node.attr == "current_app")
    ]
    assert current_app == [], "services never reach for the Flask app"


def test_models_and_the_queue_import_no_service_or_caller():
    """``create_app`` hands the jobs to the queue, so nothing below the services
    imports them; job handles, the port services queue through, depend on nothing."""
    below = ["workbench.models", "workbench.extensions", "workbench.queue", "workbench.jobs"]
    assert _breaches(below, lambda t: _in(t, "workbench.services", *CALLERS)) == []
    assert [t for t in imports("workbench.jobs") if _in(t, "workbench")] == []


def test_only_web_cli_and_tasks_call_the_services():
    callers = [m for m in MODULES if not _in(m, "workbench.services", *CALLERS)]
    breaches = set(_breaches(callers, lambda t: _in(t, "workbench.services")))
    assert breaches == set(), (
        "only web, cli and tasks call services (DESIGN.md): move the call up, or the code "
        "into a service"
    )


def test_no_import_circles():
    graph = {module: {t for t in imports(module) if t in MODULES} for module in MODULES}
    assert [" -> ".join(circle) for circle in circles(graph)] == []


def test_the_circle_finder_names_a_deferred_circle():
    graph = {
        "workbench.extensions": {"workbench.queue"},
        "workbench.queue": {"workbench.tasks"},
        "workbench.tasks": {"workbench.services.x"},
        "workbench.services.x": {"workbench.extensions", "workbench.models"},
        "workbench.models": set(),
    }
    assert circles(graph) == [
        [
            "workbench.extensions",
            "workbench.queue",
            "workbench.tasks",
            "workbench.services.x",
            "workbench.extensions",
        ]
    ]
    assert circles({"a": {"a"}}) == [["a", "a"]]


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle through each strongly connected group of modules (Tarjan), as a
    path that starts and ends at the group's first module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_path_round(group, graph) for group in sorted(groups, key=min)]


def _path_round(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        node = frontier.pop(0)
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                return [*paths[node], start]
            if nxt in group and nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                frontier.append(nxt)
    raise AssertionError("a strongly connected group has a way round")


def test_pure_layers_load_without_flask_or_sqlalchemy():
    code = (
        "import sys, workbench.text.analyse, workbench.sources.fetch, workbench.reports, "
        "workbench.matching.search; "
        "print(sorted(m for m in ('flask', 'sqlalchemy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
