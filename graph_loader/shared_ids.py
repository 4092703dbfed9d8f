"""Records received from another borough keep the sender's ids, in the sender's namespace.

A shared record must sit beside the receiver's own records, never replace one: its id (and so
its record key, its mention keys and the nominal ids its associates name) gets `@` and the
sender's namespace appended after validation. `@` is not allowed in an Identifier, so no local
record can ever have a namespaced id, whatever a package or a local file holds.
"""

from __future__ import annotations

from pydantic import BaseModel

from .models import SourceSpec

SEPARATOR = "@"


def namespaced(record: BaseModel, source: SourceSpec, namespace: str) -> BaseModel:
    update = {source.id_field: f"{getattr(record, source.id_field)}{SEPARATOR}{namespace}"}
    if getattr(record, "associate_ids", None):  # the matrix names associates by the sender's nominal ids
        update["associate_ids"] = [f"{a}{SEPARATOR}{namespace}" for a in record.associate_ids]
    return record.model_copy(update=update)
