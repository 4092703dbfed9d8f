"""One vocabulary: role groups and key formats are defined once and reach Cypher as parameters.

No Cypher file restates a list of roles or spells a source's key prefix; the catalogue binds
them (graph_loader/vocabulary.py), and a form cannot supply its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph_loader import keys
from graph_loader.models import SOURCES
from graph_loader.models.vocab import CHILD_ROLES, HARMING_ROLES, SUBJECT_ROLES, ClaimKind, Role
from graph_loader.vocabulary import PARAMETERS
from jigsaw import catalogue
from jigsaw.cypher_files import CYPHER_DIR, strip_comments, vocabulary_file
from jigsaw.cypher_files import vocabulary as used_in

REPO = Path(__file__).resolve().parent.parent
ROLE_NAMES = {r.value for r in Role}
# A list literal of quoted strings: ['a', 'b'] (any spacing, either quote).
_LIST = re.compile(r"\[\s*(['\"][^'\"\]]*['\"]\s*(?:,\s*['\"][^'\"\]]*['\"]\s*)*)\]")
_STRING = re.compile(r"['\"]([^'\"]*)['\"]")


def literal_role_lists(text: str) -> list[str]:
    return [m.group(0) for m in _LIST.finditer(text) if ROLE_NAMES & set(_STRING.findall(m.group(1)))]


def hand_key_prefixes(text: str) -> list[str]:
    prefixes = tuple(keys.record_key_prefix(s) for s in SOURCES)
    return [s for s in _STRING.findall(text) if s.startswith(prefixes)]


def cypher_files() -> list[Path]:
    return sorted(CYPHER_DIR.rglob("*.cypher"))


def test_the_scan_finds_what_it_looks_for():
    """The attack: a query that restates a role group or a key prefix is caught."""
    assert literal_role_lists("WHERE said.role IN ['child_at_risk', 'child_harmed']")
    assert literal_role_lists('WHERE said.role IN [ "suspected_perpetrator" ]')
    assert not literal_role_lists("WHERE r.source IN ['mash', 'hsb'] AND said.role IN $child_roles")
    assert hand_key_prefixes("MATCH (m:Mention {mention_key: 'matrix:' + id})")
    assert hand_key_prefixes("UNWIND [\"mash:\", 'hsb:'] AS prefix")
    assert not hand_key_prefixes("MATCH (m:Mention {mention_key: $key_prefix.matrix + id})")


@pytest.mark.parametrize("path", cypher_files(), ids=lambda p: str(p.relative_to(CYPHER_DIR)))
def test_no_cypher_file_restates_the_vocabulary(path):
    text = strip_comments(path.read_text(encoding="utf-8"))  # a header may give an example key
    assert not literal_role_lists(text), (
        f"{path.name}: a role list spelled out; use a role group parameter of graph_loader/vocabulary.py"
    )
    assert not hand_key_prefixes(text), (
        f"{path.name}: a key prefix spelled out; use $key_prefix or $record_key_prefixes"
    )


def test_every_vocabulary_parameter_is_used_and_every_single_role_is_a_role():
    """Parameters nobody reads are dead vocabulary; a role or claim compared one by one must exist."""
    texts = "\n".join(p.read_text(encoding="utf-8") for p in cypher_files())
    assert set(used_in(texts)) == set(PARAMETERS)
    for role in re.findall(r"role\s*(?::|=|<>)\s*'([^']*)'", texts):
        assert role in ROLE_NAMES | {"removed_from_matrix"}, role
    for claim in re.findall(r"claim\s*(?::|=|<>)\s*'([^']*)'", texts):  # a claim compared or set by hand is a ClaimKind
        assert claim in {c.value for c in ClaimKind}, claim


def test_catalogue_queries_carry_the_vocabulary_they_use():
    queries = catalogue.catalogue()
    assert queries["report_children_list"].vocabulary == {"child_roles": [str(r) for r in CHILD_ROLES]}
    assert queries["hotspots"].vocabulary == {
        "child_roles": [str(r) for r in CHILD_ROLES],
        "harming_roles": [str(r) for r in HARMING_ROLES],
    }
    assert queries["ties_among"].vocabulary == {"subject_roles": [str(r) for r in SUBJECT_ROLES]}
    assert queries["person_search"].vocabulary == {"record_key_prefixes": [keys.record_key_prefix(s) for s in SOURCES]}
    for name, query in queries.items():
        assert query.vocabulary == used_in(query.text), name


def test_a_form_cannot_redefine_the_vocabulary():
    """The attack: a query header (or a caller) offering `child_roles` as a form field."""
    with pytest.raises(ValueError, match="vocabulary"):
        catalogue.parse(
            "bad",
            "// name: bad\n// question: q?\n// param: child_roles: list[string] = null  x\n"
            "// returns: n\nMATCH (n) WHERE n.role IN $child_roles RETURN n",
        )
    with pytest.raises(ValueError, match="no parameter"):
        catalogue.get("report_children_list").bind({"child_roles": "suspected_perpetrator"})


def test_python_spells_no_key_format_outside_keys():
    """`matrix:<id>` and its kin are made by graph_loader/keys.py only."""
    spelled = re.compile(r"""f["'](?:{}):""".format("|".join(SOURCES)))
    offenders = []
    for package in ("graph_loader", "jigsaw", "explorer", "analytics", "identity", "sharing", "reports", "fixtures"):
        for path in (REPO / package).rglob("*.py"):
            if path.name != "keys.py" and spelled.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(REPO)))
    assert not offenders


def test_the_core_reads_the_vocabulary_the_models_define():
    """jigsaw/ sits below graph_loader/ and never imports it (the layers contract): it reads
    cypher/vocabulary.json, which `jigsaw schema export` writes from the models (and --check checks)."""
    assert vocabulary_file()["parameters"] == PARAMETERS
    assert {k: s["label"] for k, s in vocabulary_file()["sources"].items()} == {k: s.label for k, s in SOURCES.items()}


def test_key_formats_round_trip():
    assert keys.record_key("matrix", "GM-1") == keys.nominal_key("GM-1") == "matrix:GM-1"
    assert keys.mention_key("mash", "R1", "child") == "mash:R1:child"
    assert keys.mention_key("matrix", "GM-1", "associate", "GM-2") == "matrix:GM-1:associate:GM-2"
    assert keys.key_ref(keys.mention_key("hsb", "C1", "child", "C2")) == "C2"
    assert PARAMETERS["key_prefix"]["matrix"] + "GM-1" == keys.nominal_key("GM-1")


def test_views_draw_role_groups_from_the_models():
    from explorer.graph_style import category
    from reports.mase_pack import _is_child

    assert all(category([str(r)]) in {"child"} for r in CHILD_ROLES)
    assert category(["child_harmed", "child_displaying_hsb"]) == "both"
    assert all(_is_child([str(r)]) for r in CHILD_ROLES) and not _is_child([str(Role.gang_nominal)])
