"""The pure layers import no Flask and no database, so they stay plain functions."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
PURE = ["text", "sources", "matching", "matching.py", "reports"]
FORBIDDEN = (
    "flask",
    "flask_sqlalchemy",
    "flask_login",
    "flask_wtf",
    "sqlalchemy",
    "workbench.models",
    "workbench.extensions",
    "workbench.services",
    "workbench.web",
)


def _modules():
    for name in PURE:
        path = PACKAGE / name
        if path.is_dir():
            yield from sorted(path.rglob("*.py"))
        elif path.is_file():
            yield path


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_pure_module_imports_no_web_or_database(path):
    bad = [name for name in _imports(path) if name.startswith(FORBIDDEN)]
    assert bad == [], f"{path.name} imports {bad}"


def test_pure_layers_load_without_flask_or_sqlalchemy():
    import subprocess
    import sys

    code = (
        "import sys, workbench.text.analyse, workbench.sources.fetch, workbench.reports; "
        "print(sorted(m for m in ('flask', 'sqlalchemy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
