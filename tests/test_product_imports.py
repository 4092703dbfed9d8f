"""Nothing in the product imports the fixtures package (the test-data generator): what the
product knows about the world (boroughs, postcodes) is product data, never test data."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.paths import REPO_ROOT

PRODUCT = (
    "jigsaw",
    "jigsaw_cli",
    "governance",
    "graph_loader",
    "identity",
    "analytics",
    "casework",
    "reports",
    "sharing",
    "explorer",
    "investigations",
)
# `jigsaw fixtures generate|published` is the generator's own front door (demo and tests): it
# imports the generator when that command runs, and nothing else of the product reaches it.
FRONT_DOOR = {"jigsaw_cli/fixtures_cmd.py"}


def _imports_fixtures(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        if any(n == "fixtures" or n.startswith("fixtures.") for n in names):
            lines.append(node.lineno)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            if node.args and isinstance(node.args[0], ast.Constant) and str(node.args[0].value).startswith("fixtures"):
                lines.append(node.lineno)
    return lines


def test_no_product_module_imports_the_fixtures_package():
    found = {}
    for package in PRODUCT:
        files = sorted((REPO_ROOT / package).rglob("*.py"))
        assert files, package
        for path in files:
            relative = path.relative_to(REPO_ROOT).as_posix()
            lines = _imports_fixtures(ast.parse(path.read_text(encoding="utf-8")))
            if lines and relative not in FRONT_DOOR:
                found[relative] = lines
    assert not found, f"product modules import the test-data generator: {found}"


def test_every_product_module_imports_with_the_fixtures_package_absent():
    """Imported in a fresh interpreter where `import fixtures` fails (the Streamlit page scripts,
    which run on import, are covered by the check above)."""
    script = f"""
import importlib, pkgutil, sys
sys.modules["fixtures"] = None  # any import of it raises ImportError
for package in {PRODUCT!r}:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        if info.name.startswith("explorer.pages") or info.name == "explorer.app":
            continue
        importlib.import_module(info.name)
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-2000:]
