"""Engines stay pure: no Django and no domain app or door may be imported from them."""

import ast
import subprocess
import sys
from pathlib import Path

import weerbaar.engines

ENGINES = Path(weerbaar.engines.__file__).parent
FORBIDDEN_TOP = {"django", "rest_framework", "import_export", "simple_history"}
ALLOWED_WEERBAAR = ("weerbaar.engines",)


def forbidden_imports(source: str) -> list[str]:
    """Names of forbidden modules a piece of engine source imports."""
    bad = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.ImportFrom) and node.level > 1:
            names = ["weerbaar." + (node.module or "")]  # relative import out of engines
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in FORBIDDEN_TOP or (top == "weerbaar" and not name.startswith(ALLOWED_WEERBAAR)):
                bad.append(name)
    return bad


def test_checker_catches_violations():
    assert forbidden_imports("from django.db import models") == ["django.db"]
    assert forbidden_imports("import weerbaar.vital.models") == ["weerbaar.vital.models"]
    assert forbidden_imports("from ..places import models") == ["weerbaar.places"]
    assert forbidden_imports("import numpy\nfrom weerbaar.engines.survey import x") == []


def test_engine_sources_import_no_django_or_domain():
    files = sorted(ENGINES.rglob("*.py"))
    assert files, "the engines package must exist"
    offenders = {str(f.relative_to(ENGINES)): forbidden_imports(f.read_text())
                 for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_engine_leaves_django_unloaded():
    modules = ["weerbaar.engines"] + [
        "weerbaar.engines." + ".".join(f.relative_to(ENGINES).with_suffix("").parts)
        for f in sorted(ENGINES.rglob("*.py")) if f.name != "__init__.py" or f.parent != ENGINES
    ]
    modules = [m.removesuffix(".__init__") for m in modules]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "leaked = sorted(n for n in sys.modules if n == 'django' or n.startswith('django.'))\n"
        "print(leaked); sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
