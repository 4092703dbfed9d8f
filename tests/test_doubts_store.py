"""A record's doubts are read and written through graph_loader.models.common.doubts, straight from
pydantic's store of private attributes (issue #22: `record._doubts` cost a first load at L some 40 s).
It must be the record's own list, and a model that keeps none must say so, never drop the doubt."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from graph_loader.models.common import Doubt, Record, doubts


class Tiny(Record):
    name: str | None = None


def test_doubts_is_the_records_own_list_validated_or_constructed():
    for record in (Tiny.model_validate({"name": "x"}), Tiny.model_construct(name="x")):
        assert doubts(record) == [] and doubts(record) is record._doubts
        doubts(record).append(Doubt("name", "x", "a reason"))
        assert record._doubts == [Doubt("name", "x", "a reason")]
        doubts(record)[:] = []
        assert record._doubts == []


def test_a_model_that_keeps_no_doubts_is_refused_so_no_doubt_is_lost():
    class Plain(BaseModel):
        name: str = "x"

    with pytest.raises(TypeError, match="keeps no doubts"):
        doubts(Plain()).append(Doubt("name", "x", "a reason"))
