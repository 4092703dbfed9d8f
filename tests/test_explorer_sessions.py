"""No query result is shared between explorer sessions (data protection: need to know).

Streamlit caches are process-wide: a cached query result would be served to whoever asks
next, whatever their role or information-sharing agreement. The explorer caches only the
database driver. One test proves it with two sessions of different scopes running side by
side against the real Neo4j; another reads the code so a cached query result added later
fails here.
"""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.explorer_app import ANALYST, app, graph_labels, graph_page, open_profile, sees_matrix
from tests.paths import REPO_ROOT


@pytest.mark.neo4j
def test_two_sessions_of_different_scopes_never_share_a_result(explorer_env, small_network):
    everything = app(account=ANALYST)
    no_matrix = app(account=ANALYST.model_copy(update={"username": "mash.only", "sources": ["mash", "hsb"]}))
    # The wider reader looks first, so anything cached would be there for the narrower one.
    open_profile(everything, "Kyle Johnson")
    assert sees_matrix(everything) and "Dean Reid" in graph_labels(graph_page(everything))
    open_profile(no_matrix, "Kyle Johnson")
    assert not no_matrix.exception and no_matrix.header[0].value == "Kyle Johnson"
    assert not sees_matrix(no_matrix)
    # Then both at once, several times over: each keeps its own view.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(3):
            list(pool.map(lambda at: at.run(), (no_matrix, everything)))
            assert not everything.exception and not no_matrix.exception
            assert sees_matrix(everything) and not sees_matrix(no_matrix)


def test_a_stray_expression_in_a_page_puts_nothing_on_screen():
    """Streamlit's "magic" would draw a bare expression (a whole record, say) unescaped and unchecked;
    the shipped settings turn it off, and page scripts then compile without ast.parse, which CPython
    3.11 can break when the two sessions above compile at once."""
    at = AppTest.from_string('import streamlit as st\nrecord = {"name": "Kyle Johnson"}\nrecord\nst.write("shown")')
    at.run()
    assert not at.exception
    assert [e.value for e in at.markdown] == ["shown"] and not at.json


# Every cache the explorer may hold, by (file, function, cache). None may hold a query result.
ALLOWED_CACHES = {
    ("explorer/data.py", "graph_driver", "cache_resource"),  # the driver: no data, shared by design
    ("explorer/graph_html.py", "_vis_assets", "lru_cache"),  # vis-network's script and stylesheet
    ("explorer/graph_component.py", "_component", "lru_cache"),  # the network's static page, declared once: no data
}
CACHE_NAMES = {
    "cache_data",
    "cache_resource",
    "cache",
    "lru_cache",
    "experimental_memo",
    "experimental_singleton",
    "memo",
    "singleton",
    "cached_property",
}


def _caches_in(path: Path, root: Path = REPO_ROOT) -> set[tuple[str, str, str]]:
    """(file, enclosing function or <module>, cache name) for each use of a cache in a file."""
    relative = path.relative_to(root).as_posix()
    found: set[tuple[str, str, str]] = set()

    def walk(node: ast.AST, where: str) -> None:
        decorators = getattr(node, "decorator_list", [])
        for child in ast.iter_child_nodes(node):
            if any(child is d for d in decorators):
                continue  # counted below, against the function it decorates
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for decorator in child.decorator_list:
                    found.update((relative, child.name, name) for name in _names(decorator) if name in CACHE_NAMES)
                walk(child, child.name)
                continue
            name = child.attr if isinstance(child, ast.Attribute) else child.id if isinstance(child, ast.Name) else None
            if name in CACHE_NAMES:
                found.add((relative, where, name))
            walk(child, where)

    walk(ast.parse(path.read_text(encoding="utf-8")), "<module>")
    return found


def _names(node: ast.AST) -> set[str]:
    return {
        n.attr if isinstance(n, ast.Attribute) else n.id
        for n in ast.walk(node)
        if isinstance(n, (ast.Attribute, ast.Name))
    }


def test_the_explorer_caches_nothing_but_the_driver():
    found = set().union(*(_caches_in(path) for path in (REPO_ROOT / "explorer").rglob("*.py")))
    assert found == ALLOWED_CACHES, (
        "A cache in the explorer is shared by every session: never cache a query result (it would reach users "
        f"of other roles and scopes). Unexpected: {sorted(found - ALLOWED_CACHES)}; gone: "
        f"{sorted(ALLOWED_CACHES - found)}"
    )


def test_the_cache_check_sees_every_form(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import functools\nimport streamlit as st\n"
        "@st.cache_data\ndef people(): ...\n"
        "@st.cache_data(ttl=60)\ndef places(): ...\n"
        "def later():\n    return st.cache_resource(lambda: 1)\n"
        "rows = functools.lru_cache(maxsize=None)(len)\n",
        encoding="utf-8",
    )
    found = {(where, name) for _, where, name in _caches_in(sample, tmp_path)}
    assert found == {
        ("people", "cache_data"),
        ("places", "cache_data"),
        ("later", "cache_resource"),
        ("<module>", "lru_cache"),
    }


def test_no_streamlit_cache_outside_the_explorer():
    for folder in (
        "jigsaw",
        "reports",
        "identity",
        "analytics",
        "casework",
        "sharing",
        "graph_loader",
        "investigations",
    ):
        for path in (REPO_ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "cache_data" not in text and "cache_resource" not in text, path
