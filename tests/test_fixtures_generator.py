"""The synthetic data generator: deterministic, valid by construction, and the demo cannot drift."""

from __future__ import annotations

import filecmp
import json

import pytest

from fixtures.generator import generate
from graph_loader.load import validate_paths
from tests.paths import REPO_ROOT

DEMO = REPO_ROOT / "fixtures" / "demo"


def test_same_seed_gives_byte_identical_files(tmp_path):
    generate(11, "S", tmp_path / "a")
    generate(11, "S", tmp_path / "b")
    comparison = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert sorted(comparison.same_files) == sorted(p.name for p in (tmp_path / "a").iterdir())
    assert not comparison.diff_files


def test_different_seeds_differ(tmp_path):
    generate(1, "S", tmp_path / "a")
    generate(2, "S", tmp_path / "b")
    assert (tmp_path / "a" / "mash_referrals.csv").read_bytes() != (tmp_path / "b" / "mash_referrals.csv").read_bytes()


@pytest.mark.parametrize("noise", ["low", "high"])
def test_every_generated_row_passes_the_loaders_validation(tmp_path, noise):
    generate(5, "S", tmp_path, noise=noise)
    validated = validate_paths(None, tmp_path)
    assert sum(len(v.rejections) for v in validated) == 0
    assert sum(v.rows_read for v in validated) >= 700


def test_json_lines_output_validates_too(tmp_path):
    generate(5, "S", tmp_path, fmt="jsonl")
    validated = validate_paths(None, tmp_path)
    assert {v.source.key for v in validated} == {"mash", "matrix", "hsb"}
    assert sum(len(v.rejections) for v in validated) == 0


def test_ground_truth_names_every_mention_and_every_scenario(tmp_path):
    generate(3, "S", tmp_path)
    truth = json.loads((tmp_path / "ground_truth.json").read_text())
    keys = [k for p in truth["persons"] for k in p["mention_keys"]]
    assert len(keys) == len(set(keys)), "a mention belongs to exactly one true person"
    referrals = (tmp_path / "mash_referrals.csv").read_text().splitlines()[1:]
    assert len([k for k in keys if k.startswith("mash:") and k.endswith(":child")]) == len(referrals)
    names = {s["name"]: s for s in truth["scenarios"]}
    assert {
        "cross_borough_peer_group",
        "older_nominal_three_girls",
        "takeaway_and_park",
        "hsb_school_peers",
        "placed_out_of_borough_missing",
        "control_twins_same_dob",
        "control_common_name",
        "control_place_no_suspect",
    } == set(names)
    assert all(s["person_ids"] and s["record_ids"] for s in truth["scenarios"])
    assert truth["peer_groups"] and all(len(g["person_ids"]) >= 4 for g in truth["peer_groups"][1:])


def test_rows_option_scales_the_output(tmp_path):
    summary = generate(9, "S", tmp_path, rows=3000)
    assert 3000 <= sum(summary["rows"].values()) < 3600


def test_committed_demo_is_exactly_what_the_generator_writes(tmp_path):
    generate(7, "S", tmp_path)
    for path in DEMO.iterdir():
        assert path.read_bytes() == (tmp_path / path.name).read_bytes(), (
            f"{path.name} drifted: regenerate fixtures/demo"
        )
