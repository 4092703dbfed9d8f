"""Every source in the registry (graph_loader/models SOURCES) reaches every file that must know it.

docs/adding-a-source.md is the checklist; each failure here names the file it leads to, so a
source added to the registry and forgotten elsewhere is found by running the tests.
"""

from __future__ import annotations

import pytest

from graph_loader.graph_model_doc import migrations
from graph_loader.graph_rows import TO_ROWS
from graph_loader.models import SOURCES
from graph_loader.records_from_rows import FROM_ROWS
from graph_loader.vocabulary import PARAMETERS
from jigsaw.access import ALL_SOURCES
from jigsaw.need_to_know import RECORD_LABELS


@pytest.mark.parametrize("source", list(SOURCES))
def test_the_registry_leads_to_every_file(source):
    spec = SOURCES[source]
    assert source in TO_ROWS, "graph_loader/graph_rows.py: add <source>_rows and its TO_ROWS entry"
    assert source in FROM_ROWS, (
        "graph_loader/records_from_rows.py: add <source>_record, the inverse, and its FROM_ROWS entry"
    )
    assert any(
        m["on"] == f"`:{spec.label}`" and m["properties"] == "`source_id`" and "unique" in m["kind"]
        for m in migrations()
    ), f"cypher/migrations: a new migration with a unique constraint on (:{spec.label}).source_id"
    # Derived from the registry, so these hold by construction; they say where a source becomes readable.
    assert source in ALL_SOURCES and spec.label in RECORD_LABELS  # jigsaw/access.py, jigsaw/need_to_know.py
    assert (
        PARAMETERS["key_prefix"][source] and f"{source}:" in PARAMETERS["record_key_prefixes"]
    )  # graph_loader/vocabulary.py


def test_the_generator_writes_every_source(tmp_path):
    """fixtures/generator/build.py: a builder method per source, so tests and benches have data for it."""
    from fixtures.generator import generate
    from graph_loader.load import validate_paths

    generate(31, "S", tmp_path, rows=300)
    assert {v.source.key for v in validate_paths(None, tmp_path) if v.records} == set(SOURCES)
