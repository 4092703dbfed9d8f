"""Files generated from the models stay in step with them, and the templates load."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from graph_loader.load import validate_paths
from graph_loader.models import SOURCES
from graph_loader.schema_export import generated_files, stale
from jigsaw_cli import app
from tests.paths import REPO_ROOT

DOCS = REPO_ROOT / "docs"


def test_committed_generated_files_match_the_models():
    assert stale(DOCS) == [], "run `jigsaw schema export` and commit the result"


def test_check_fails_when_a_generated_file_is_edited(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy)
    runner = CliRunner()
    assert runner.invoke(app, ["schema", "export", "--check", "--docs", str(copy)]).exit_code == 0
    (copy / "templates" / "mash_people.csv").write_text("referral_id\n", encoding="utf-8")
    result = runner.invoke(app, ["schema", "export", "--check", "--docs", str(copy)])
    assert result.exit_code == 1 and "mash_people.csv" in result.output


def test_templates_and_jsonl_examples_load_without_rejection(tmp_path):
    for source in SOURCES.values():
        for spec in source.files:
            shutil.copy(DOCS / "templates" / spec.filename, tmp_path / spec.filename)
    csv_validated = validate_paths(None, tmp_path)
    assert sum(len(v.records) for v in csv_validated) == 3 and not any(v.rejections for v in csv_validated)
    jsonl = tmp_path / "jsonl"
    jsonl.mkdir()
    for source in SOURCES.values():
        shutil.copy(DOCS / "templates" / source.jsonl_filename, jsonl / source.jsonl_filename)
    assert sum(len(v.records) for v in validate_paths(None, jsonl)) == 3


def test_data_dictionary_documents_every_column_of_every_file():
    text = (DOCS / "data-dictionary.md").read_text(encoding="utf-8")
    for source in SOURCES.values():
        for spec in source.files:
            assert f"### `{spec.filename}`" in text
            for column in spec.columns:
                assert f"| `{column}` |" in text, f"{spec.filename}: {column} missing from the data dictionary"


def test_json_schemas_are_draft_2020_12_and_name_every_field():
    for source in SOURCES.values():
        schema = json.loads((DOCS / "schemas" / f"{source.key}.schema.json").read_text())
        assert schema["$schema"].endswith("2020-12/schema")
        assert set(source.record_model.model_fields) == set(schema["properties"])


def test_every_generated_path_is_under_docs():
    assert all(DOCS in p.parents for p in generated_files(DOCS))
