"""Why someone is looking: the case or meeting reference, and which queries need one.

The rule, in one place: every catalogue query needs a purpose, except the aggregates
below, which return only counts over groups and take no person-level parameter. A new
query therefore needs a purpose until someone argues it is an aggregate and adds it here
(tests/test_query_purpose.py runs each one and checks that no person comes back).
"""

from __future__ import annotations

import re

# A case or meeting reference: short, plain, and safe to print anywhere.
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /._:-]{2,63}$")
REFERENCE_RULE = "3 to 64 letters, digits, spaces or / . _ : -, starting with a letter or digit"

AGGREGATES = frozenset(
    {
        "governance_counts",
        "overview_by_borough",
        "overview_by_source",
        "overview_cse_categories",
        "overview_data_quality",
        "overview_loads",
        "report_children_at_risk",
        "report_cross_borough",
        "report_data_quality",
        "report_gang_overlap",
        "report_hsb",
        "report_referrals_by_month",
        "report_suspects",
    }
)


def needs_purpose(query_name: str) -> bool:
    """Whether running this query must be tied to a case or meeting reference."""
    return query_name not in AGGREGATES


def valid_reference(text: str | None) -> bool:
    return bool(text) and REFERENCE.fullmatch(text) is not None  # fullmatch: "$" would let a final newline through
