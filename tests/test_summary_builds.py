"""The full build of jigsaw links in Python (graph_loader/link_build.py) writes exactly what the
Cypher build writes (cypher/summary/links_build.cypher with $all, which the incremental path
still runs): every node with its labels and properties, and every relationship with its ends.
The signature (tests/summary_signatures.py: links and cross-borough facts) is also what tests/test_first_load.py
compares a first load's imported summaries with.

Generated data with a seed the builds were not written against, and shapes the generator never
makes: two places of one name (different postcodes) named by the same two records of two
agencies, one person named twice in a record, a record naming a place twice, a nominal removed
from the matrix held in two boroughs, a child named in three boroughs.
"""

from __future__ import annotations

import pytest

from fixtures.generator import generate
from tests.builders import load
from tests.summary_signatures import SEED, awkward, cypher_build, python_build, summary_signature

pytestmark = pytest.mark.neo4j


def test_the_python_full_build_writes_what_the_cypher_build_writes(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=600)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, awkward(tmp_path / "odd"), tmp_path)
    cypher_build(graph, db)
    expected = summary_signature(graph, db)
    built = python_build(graph, db)
    found = summary_signature(graph, db)
    assert found == expected
    links, facts = found
    assert built["links"] == links.total() > 0 and facts.total() > 0
    assert any("Untied" in labels for labels, *_ in links) and any(ties for *_, ties, _, _ in links)
    odd = [k for k in links if k[2].startswith("mash:ODD") or k[3].startswith("mash:ODD")]
    assert any(dict(k[1])["bridge"] == "Corner Cafe" for k in odd)  # the two cafes of one name: one link per pair
    assert any("removed_from_matrix" in dict(f[2])["roles"] for f in facts)
