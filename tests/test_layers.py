"""The layers point one way (README, "Layout"): import-linter's contracts in pyproject.toml.

A module may import from its own package and from the layers below it; the product never
imports the synthetic-data generator. Run as a test so the README's test command checks it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(*args: str) -> subprocess.CompletedProcess:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    return subprocess.run([command, "--no-cache", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_every_import_contract_is_kept():
    done = lint_imports()
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_the_contract_catches_an_import_from_a_higher_layer(tmp_path):
    """The check is real: a copy of the core that imports the explorer breaks the layers contract."""
    copy = tmp_path / "repo"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", ".cache", ".jigsaw", "test-artifacts", "*.pyc")
    )
    text = copy / "jigsaw" / "text.py"
    text.write_text(
        text.read_text(encoding="utf-8") + "\nfrom explorer import tables  # an upward import\n", encoding="utf-8"
    )
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    done = subprocess.run(
        [command, "--no-cache"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode != 0 and "BROKEN" in done.stdout
    assert "jigsaw.text -> explorer.tables" in done.stdout
