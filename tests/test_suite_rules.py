"""The test suite's own rules hold: tests are marked by what they need, no test writes into the
checkout, and shared helpers live in helper modules, never in another test file."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from tests import checkout_guard

TESTS = Path(__file__).resolve().parent

NEO4J_FIXTURE = """
import pytest

@pytest.fixture(scope="session")
def neo4j_settings():
    return "a server"

@pytest.fixture
def graph(neo4j_settings):
    return neo4j_settings

@pytest.fixture
def browser_page():
    return "a page"
"""


def _run(pytester: pytest.Pytester, test_file: str) -> pytest.RunResult:
    pytester.makeconftest(NEO4J_FIXTURE)
    pytester.makepyfile(test_file)
    return pytester.runpytest("-p", "tests.markers", "--strict-markers", "-o", "markers=neo4j\nbrowser")


def test_a_test_that_uses_a_neo4j_fixture_without_the_mark_fails_collection(pytester):
    result = _run(
        pytester,
        """
def test_marked_elsewhere(graph):
    pass
""",
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*test_marked_elsewhere: needs the mark neo4j (its fixtures include neo4j_settings)*"])


def test_a_test_that_uses_a_browser_fixture_without_the_mark_fails_collection(pytester):
    result = _run(
        pytester,
        """
import pytest

@pytest.mark.neo4j
def test_looks(graph, browser_page):
    pass
""",
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*test_looks: needs the mark browser (its fixtures include browser_page)*"])


def test_marked_tests_are_collected_and_run_and_can_be_left_out(pytester):
    test_file = """
import pytest

pytestmark = pytest.mark.neo4j

def test_uses_the_graph(graph):
    pass

@pytest.mark.browser
def test_uses_a_page(graph, browser_page):
    pass
"""
    _run(pytester, test_file).assert_outcomes(passed=2)
    pytester.runpytest(
        "-p", "tests.markers", "-o", "markers=neo4j\nbrowser", "-m", "not neo4j and not browser"
    ).assert_outcomes(deselected=2)


def test_an_unmarked_test_that_starts_a_server_by_itself_fails(pytester):
    result = _run(
        pytester,
        """
from jigsaw.config import Settings
from jigsaw.neo4j_server import server

def test_starts(tmp_path):
    server.start(Settings(neo4j_uri=None, jigsaw_home=tmp_path, jigsaw_bolt_port=1))
""",
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*UnmarkedNeed: *test_starts starts a Neo4j server without @pytest.mark.neo4j*"])


def test_an_unmarked_test_that_launches_playwright_by_itself_fails(pytester):
    result = _run(
        pytester,
        """
def test_draws():
    from playwright.sync_api import sync_playwright

    with sync_playwright():
        pass
""",
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*UnmarkedNeed: *test_draws drives a browser without @pytest.mark.browser*"])


def test_the_checkout_guard_sees_new_state_folders_and_changed_files(tmp_path, monkeypatch):
    checkout = tmp_path / "checkout"
    (checkout / ".jigsaw" / "neo4j" / "data").mkdir(parents=True)
    (checkout / "kept.py").write_text("x = 1\n")
    (checkout / ".gitignore").write_text(".jigsaw/\n.cache/\n")
    (checkout / ".jigsaw" / "neo4j" / "data" / "store").write_text("a running server's store")
    for command in (
        ["init", "-q"],
        ["add", "kept.py", ".gitignore"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"],
    ):
        subprocess.run(["git", "-C", str(checkout), *command], check=True)
    monkeypatch.setattr(checkout_guard, "REPO_ROOT", checkout)
    before = checkout_guard.changed_paths()
    (checkout / ".jigsaw" / "neo4j" / "data" / "more-store").write_text("the same server writing on")
    (checkout / ".jigsaw" / "test-receiver" / "neo4j").mkdir(parents=True)
    (checkout / ".jigsaw" / "test-receiver" / "neo4j" / "password").write_text("x")
    (checkout / ".cache" / "neo4j" / "5.26.30" / "lib").mkdir(parents=True)
    (checkout / ".cache" / "neo4j" / "5.26.30" / "lib" / "neo4j.jar").write_text("jar")
    (checkout / "kept.py").write_text("x = 2\n")
    (checkout / "__pycache__").mkdir()
    (checkout / "__pycache__" / "kept.cpython-311.pyc").write_text("bytecode")
    assert sorted(checkout_guard.changed_paths() - before) == [
        ".cache/neo4j/5.26.30",
        ".jigsaw/test-receiver/neo4j",
        "kept.py",
    ]


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved against the tests package."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = ("tests." if node.level else "") + (node.module or "")
            names.add(base.rstrip("."))
            names |= {f"{base}.{alias.name}".replace("..", ".") for alias in node.names if not node.module}
    return names


def test_no_test_file_imports_another_test_file_or_conftest():
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        for name in _imported_modules(path):
            leaf = name.rsplit(".", 1)[-1]
            if name.startswith("tests.") and (leaf.startswith("test_") or leaf == "conftest"):
                offenders.append(f"{path.relative_to(TESTS.parent)} imports {name}")
    assert offenders == [], "shared helpers belong in tests/builders.py or a tests/ helper module:\n" + "\n".join(
        offenders
    )


def test_the_import_scan_sees_every_form_of_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import tests.test_a\nfrom tests.test_b import x\nfrom .test_c import y\nfrom . import test_d\n"
        "def f():\n    from tests.conftest import z\n"
    )
    assert {"tests.test_a", "tests.test_b", "tests.test_c", "tests.test_d", "tests.conftest"} <= _imported_modules(
        probe
    )
