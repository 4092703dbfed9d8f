"""graph_loader/validate.py's `constructed`: a validated record or nested row built as pydantic's
model_construct builds it, without its per-field look-ups. Compared with model_construct on every
record and nested row of the demo data with doubtful rows added (faulty and blank values) and of
generated data on a seed the code was not written against, on values naming a field the model does
not have, and on models it must leave to model_construct."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from pydantic import BaseModel, Field

from graph_loader import validate
from graph_loader.load import validate_paths
from graph_loader.models.common import Doubt, Record, doubts
from tests.paths import REPO_ROOT


def _state(model: BaseModel) -> tuple:
    return (
        type(model),
        list(model.__dict__.items()),  # the order too: dict(model) walks it
        model.__pydantic_fields_set__,
        model.__pydantic_extra__,
        model.__pydantic_private__,
        model.model_dump(mode="json"),
    )


def _nested(record: BaseModel) -> list[BaseModel]:
    return [
        item
        for value in record.__dict__.values()
        if isinstance(value, list)
        for item in value
        if isinstance(item, BaseModel)
    ]


def _with_doubtful_rows(folder: Path) -> Path:
    """Each file's last row again under a new id, its values faulty or blank where a record keeps them."""
    faults = {
        "mash_referrals.csv": {"referral_id": "DBT-1", "child_dob": "31/02/2010", "cse_category": "Cat 9"},
        "mash_people.csv": {"referral_id": "DBT-1", "dob": "soon", "role": ""},
        "mash_places.csv": {"referral_id": "DBT-1", "postcode": "not a postcode", "date_seen": "yesterday"},
        "hsb_cases.csv": {"case_id": "DBT-2", "aim_level": "huge"},
        "hsb_children.csv": {"case_id": "DBT-2", "dob": "13/13/2013"},
        "matrix_nominals.csv": {"nominal_id": "DBT-3", "harm_band": "purple", "dob": ""},
    }
    for name, change in faults.items():
        with open(folder / name, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        with open(folder / name, "a", encoding="utf-8", newline="") as handle:
            csv.DictWriter(handle, fieldnames=list(rows[-1])).writerow(rows[-1] | change)
    return folder


def test_every_record_and_nested_row_is_what_model_construct_makes(tmp_path):
    from fixtures.generator import generate

    generate(60613, "S", tmp_path / "fresh", rows=600)
    checked = with_doubts = 0
    folders = (
        _with_doubtful_rows(shutil.copytree(REPO_ROOT / "fixtures" / "demo", tmp_path / "demo")),
        tmp_path / "fresh",
    )
    for validated in (v for folder in folders for v in validate_paths(None, folder)):
        for valid in validated.records:
            for model in (valid.record, *_nested(valid.record)):
                kept = list(doubts(model))
                slow = type(model).model_construct(**dict(model.__dict__))
                doubts(slow)[:] = kept
                fast = validate.constructed(type(model), dict(model.__dict__), kept)
                assert _state(fast) == _state(slow) == _state(model)
                assert doubts(fast) is kept  # the record's own list: a doubt added later is kept
                # A value for no field (a nested row's parent key) is ignored, as model_construct ignores it.
                extra = dict(model.__dict__) | {"parent_id": "R1"}
                assert _state(validate.constructed(type(model), extra, kept)) == _state(model)
                checked += 1
                with_doubts += bool(kept)
    assert checked > 1000 and with_doubts >= 6


class _Extra(Record):
    given: str | None = None
    defaulted: list[str] = Field(default_factory=list)


class _OwnPostInit(_Extra):
    def model_post_init(self, context, /) -> None:
        self.__dict__["given"] = "set after"


def test_values_short_of_a_field_or_a_model_of_its_own_go_through_model_construct():
    doubt = [Doubt("given", "x", "why")]
    short = validate.constructed(_Extra, {"given": "a"}, doubt)
    assert short.defaulted == [] and short.__pydantic_fields_set__ == {"given"} and doubts(short) == doubt
    own = validate.constructed(_OwnPostInit, {"given": "a", "defaulted": []}, doubt)
    assert own.given == "set after" and doubts(own) == doubt
    assert validate._plain_fields(_OwnPostInit) is None and validate._plain_fields(_Extra) == ("given", "defaulted")
