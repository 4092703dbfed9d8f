"""Column headers people read: one label for each column name the explorer's tables and the reports carry.

explorer/tables.show renames every column through `label`; a name missing here is turned
into words ("children_at_risk" -> "Children at risk"), so a new query never shows raw
snake_case, but a label written here can say what the column means.
"""

from __future__ import annotations

import re

LABELS = {
    "person_id": "Person",
    "person": "Person",
    "person_a": "First person",
    "person_b": "Second person",
    "a": "First",
    "b": "Second",
    "from_person": "From",
    "to_person": "To",
    "source_person": "From",
    "target_person": "To",
    "source_role": "Role (from)",
    "target_role": "Role (to)",
    "from_role": "Role (from)",
    "to_role": "Role (to)",
    "dob": "Date of birth",
    "dobs": "Dates of birth",
    "all_dobs": "Dates of birth",
    "no_dob": "No date of birth",
    "dob_as_recorded": "Date of birth as recorded",
    "name_as_recorded": "Name as recorded",
    "names": "Names as recorded",
    "all_names": "Names as recorded",
    "date_from": "From",
    "date_to": "To",
    "first_date": "First dated",
    "last_date": "Last dated",
    "first_seen": "First seen",
    "last_seen": "Last seen",
    "started_at": "Started",
    "at": "When",
    "record_id": "Record",
    "record_key": "Record",
    "record_a": "First record",
    "record_b": "Second record",
    "record_date": "Record date",
    "records": "Records",
    "referrals": "Referrals",
    "group_id": "Group",
    "run_id": "Analytics run",
    "load_id": "Load",
    "children_at_risk": "Children at risk",
    "suspects": "Suspected perpetrators",
    "cse_category": "CSE category",
    "category_now": "CSE category now",
    "category_before": "CSE category before",
    "latest_category": "Latest CSE category",
    "hsb_cases": "HSB cases",
    "hsb_case": "HSB case",
    "mash_referrals": "MASH referrals",
    "in_mash": "In MASH",
    "matrix_entries": "Gangs matrix entries",
    "nominal_id": "Nominal",
    "nominal_of": "Nominal of gang(s)",
    "is_nominal": "Gang nominal",
    "harmed_nominal": "Nominal flagged as harmed",
    "nearest_nominal": "Nearest nominal",
    "nearest_gangs": "Nearest nominal's gang(s)",
    "steps": "Steps to a nominal",
    "place_key": "Place",
    "place_type": "Kind of place",
    "postcode": "Postcode",
    "via": "Through (record or place)",
    "via_kind": "Kind",
    "recorded_by": "Recorded by",
    "change_in_records": "Change since the period before",
    "precision": "On the map",
    "spans_boroughs": "Spans boroughs",
    "spans_gangs": "Spans gangs",
    "size": "Size",
    "looked_after": "Looked after",
    "age_band": "Age band",
    "harm_band": "Harm band",
    "rows_read": "Rows read",
    "rows_rejected": "Rows rejected",
    "user": "User",
    "kind": "Kind",
    "subject_kind": "About a",
    "subject_key": "About",
    "action_id": "Action",
}

_WORD_BREAK = re.compile(r"[_\s]+")


def label(name: object) -> str:
    """The header for a column: its label, or its name in words with a capital first letter."""
    text = str(name)
    if text in LABELS:
        return LABELS[text]
    words = _WORD_BREAK.sub(" ", text).strip()
    return words[:1].upper() + words[1:] if words else ""
