"""Tests are marked by what they need, and the marks are checked (a pytest plugin, loaded by conftest.py).

`neo4j`: the test uses a Neo4j server; `browser`: it drives Chromium through Playwright. So
`pytest -m "not neo4j and not browser"` runs with neither. At collection, a test whose
fixtures (followed all the way down) include a Neo4j or browser fixture and lacks the mark
fails the collection; at run time, an unmarked test that starts a local server or a
Playwright browser by itself fails with the same message.
"""

from __future__ import annotations

import pytest

# The fixtures every Neo4j fixture depends on (driver, graph, db, explorer_user, explorer_env
# and every module's loaded graph all start from neo4j_settings), and the ones that start or
# provision a server of a test's own.
NEO4J_FIXTURES = frozenset({"neo4j_settings", "neo4j_server", "local_server", "neo4j_jars"})
BROWSER_FIXTURES = frozenset({"browser_page", "explorer_url"})  # a Chromium page; an explorer started for one
NEEDS = {"neo4j": NEO4J_FIXTURES, "browser": BROWSER_FIXTURES}


class UnmarkedNeed(Exception):
    """A test used Neo4j or a browser without saying so."""


def missing_marks(item: pytest.Item) -> list[str]:
    """What `item` needs and does not say, e.g. ["neo4j (its fixtures include neo4j_settings, neo4j_server)"]."""
    used = set(getattr(item, "fixturenames", ()))
    return [
        f"{mark} (its fixtures include {', '.join(sorted(used & fixtures))})"
        for mark, fixtures in NEEDS.items()
        if used & fixtures and item.get_closest_marker(mark) is None
    ]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [f"{item.nodeid}: needs the mark {need}" for item in items for need in missing_marks(item)]
    if unmarked:
        raise pytest.UsageError(
            "Tests that use Neo4j must carry @pytest.mark.neo4j and tests that drive a browser "
            '@pytest.mark.browser (or the module\'s pytestmark), so that `-m "not neo4j and not browser"` '
            "needs neither:\n  " + "\n  ".join(unmarked)
        )


@pytest.fixture(autouse=True)
def _refuse_unmarked_needs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """What collection cannot see: a test that starts a local server or Playwright by itself."""
    if request.node.get_closest_marker("neo4j") is None:
        from jigsaw.neo4j_server import server

        start = server.start

        def refuse_start(settings, *args, **kwargs):
            if settings.managed:  # an external NEO4J_URI is refused by start() itself, before any server
                raise UnmarkedNeed(f"{request.node.nodeid} starts a Neo4j server without @pytest.mark.neo4j")
            return start(settings, *args, **kwargs)

        monkeypatch.setattr(server, "start", refuse_start)
    if request.node.get_closest_marker("browser") is None:
        try:
            import playwright.sync_api as playwright
        except ImportError:  # installed with the dev extra; nothing to guard without it
            return

        def refuse_browser(*_args, **_kwargs):
            raise UnmarkedNeed(f"{request.node.nodeid} drives a browser without @pytest.mark.browser")

        monkeypatch.setattr(playwright, "sync_playwright", refuse_browser)
