"""Need to know, defined once: what a restricted reader may see, as Cypher predicates.

A scoped `.cypher` file never spells the scope out. It writes a marker, and the catalogue
expands it from the definitions below (never from anything a user typed):

    IN_SCOPE(r)          record r is held by a source and for a borough the reader may read
    HELD_IN_SCOPE(h)     the same, for a record a summary names by key: h is the summary's note
                         of it ({source, borough}), kept up to date with the record
    PERSON_IN_SCOPE(p)   some record the reader may read names person p
    PLACE_IN_SCOPE(pl)   some record the reader may read names place pl
    WORK_IN_SCOPE(w)     casework w (an action, assessment, plan or pinned context) belongs
                         to a borough the reader may read
    BOROUGH_IN_SCOPE(b)  borough b is one the reader may read (every borough when they are
                         not limited): where to start a reader of some boroughs, never a
                         filter on what they see (IN_SCOPE is that)
    EVERY_BOROUGH_IN_SCOPE()  the reader is limited to no borough: which way in to take (from
                         all London, or from each of their boroughs), never a filter either
    SOURCE_IN_SCOPE(matrix)   the reader may read that source at all

`check()` refuses a scoped query in which a record or a piece of casework is matched
without its marker, and one that copies the scope parameters by hand; the catalogue runs it
on every file it loads. What a static check cannot see (a person reached another way, a
place shared across boroughs) the result guard in `jigsaw/scope_guard.py` catches.
"""

from __future__ import annotations

import re

from .access import ALL_SOURCES
from .cypher_files import sources

_VAR = r"[a-z_][a-z0-9_]*"


def _record(v: str) -> str:
    """The one definition: a record the reader may read (its source, and its borough when they are limited).

    The borough a record is held for is the one it is IN_BOROUGH; a node that keeps that borough's name as
    `borough` (every record, and the facts that keep theirs) is judged by the name, which is read at once,
    where the walk passes every relationship the node has first (a record at L is a piece of ten links on
    average: ten db hits a record). A node without the name is walked as before. That the name and the tie
    always agree, on every label IN_SCOPE is applied to, is tests/test_borough_names.py's to prove.
    """
    return (
        f"({v}.source IN $scope_sources AND ($scope_boroughs IS NULL OR {v}.borough IN $scope_boroughs OR "
        f"({v}.borough IS NULL AND "
        f"EXISTS {{ ({v})-[:IN_BOROUGH]->(scope_b:Borough) WHERE scope_b.name IN $scope_boroughs }})))"
    )


# Everything else a reader may see follows from the records they may read (and casework from its borough).
# The record in PERSON_ and PLACE_IN_SCOPE carries no label (only records send MENTIONS and
# NAMES_PLACE): with `:Record` the planner may, on stale statistics, seek every record of the
# reader's sources through the source index once per row instead of walking from the person,
# which at 500 rows held 520 MB for one query (tests/test_query_memory.py).
DEFINITIONS = {
    "IN_SCOPE": _record,
    "PERSON_IN_SCOPE": lambda v: (
        f"EXISTS {{ ({v})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(scope_r) WHERE {_record('scope_r')} }}"
    ),
    "PLACE_IN_SCOPE": lambda v: f"EXISTS {{ ({v})<-[:NAMES_PLACE]-(scope_r) WHERE {_record('scope_r')} }}",
    # A summary's note of a record it names ({source, borough}: the source and borough the record was held by
    # when the summary was last brought up to date, which any change to the record does), so a long list of
    # records is judged without seeking each: a record's own judgement (IN_SCOPE) on what the note keeps.
    "HELD_IN_SCOPE": lambda v: (
        f"({v}.source IN $scope_sources AND ($scope_boroughs IS NULL OR {v}.borough IN $scope_boroughs))"
    ),
    "WORK_IN_SCOPE": lambda v: f"($scope_boroughs IS NULL OR {v}.borough IN $scope_boroughs)",
    "BOROUGH_IN_SCOPE": lambda v: f"($scope_boroughs IS NULL OR {v}.name IN $scope_boroughs)",
}
MARKER = re.compile(
    rf"\b(?:(?P<kind>{'|'.join(DEFINITIONS)}|SOURCE_IN_SCOPE)\(\s*(?P<var>{_VAR})\s*\)|(?P<whole>EVERY_BOROUGH_IN_SCOPE)\(\s*\))"
)

RECORD_LABELS = ("Record", *(s["label"] for s in sources().values()))  # each source's record label (the registry's)
WORK_LABELS = ("Action", "Assessment", "Context")
# A node pattern with one of these labels: "(name:Label" or "(:Label" (the name may be empty).
_LABELLED = re.compile(rf"\(\s*(?P<var>{_VAR})?\s*:\s*(?P<label>{'|'.join(RECORD_LABELS + WORK_LABELS)})\b")
# Casework reached without its label: "<-[:CONCERNS]-(w)", "(w)-[:CONCERNS]->" (and INCLUDES).
_WORK_HOP = re.compile(
    rf"<-\[[^\]]*:(?:CONCERNS|INCLUDES)[^\]]*\]-\(\s*(?P<var>{_VAR})?"
    rf"|\(\s*(?P<var2>{_VAR})?[^()]*\)\s*-\[[^\]]*:(?:CONCERNS|INCLUDES)[^\]]*\]->"
)
# Safety mapping hangs off the child: "(p)-[:PROTECTIVE_ADULT|SAFE_PLACE]->", so the child must be in scope.
_SAFETY_HOP = re.compile(rf"\(\s*(?P<var>{_VAR})?[^()]*\)\s*-\[[^\]]*:(?:PROTECTIVE_ADULT|SAFE_PLACE)")
_HAND_COPY = re.compile(r"\$scope_(sources|boroughs)\b")
# The expansions' own variables: a query naming one would capture the filter's subquery.
_RESERVED = re.compile(r"\bscope_[rb]\b")


class ScopeMissing(ValueError):
    """A scoped query matches records or casework without the need-to-know filter."""


def expand(text: str) -> str:
    """The query with every marker replaced by its one definition."""

    def one(match: re.Match) -> str:
        if match.group("whole"):
            # A reader given every borough by name is "limited" here: the way from their boroughs
            # gives the same answer as London's, only more slowly.
            return "($scope_boroughs IS NULL)"
        kind, var = match.group("kind"), match.group("var")
        if kind == "SOURCE_IN_SCOPE":
            if var not in ALL_SOURCES:
                raise ScopeMissing(f"SOURCE_IN_SCOPE({var}): not a source; one of {', '.join(ALL_SOURCES)}")
            return f"('{var}' IN $scope_sources)"
        return DEFINITIONS[kind](var)

    return MARKER.sub(one, text)


def _branches(text: str) -> list[str]:
    """The parts between UNIONs: a marker in one branch does not cover a variable of the same name in another."""
    return re.split(r"\bUNION\b(?:\s+ALL\b)?", text)


def check(name: str, text: str) -> None:
    """Refuse a scoped query (its text before expansion) that could match something unfiltered."""
    if _HAND_COPY.search(text):
        raise ScopeMissing(
            f"{name}: writes $scope_sources or $scope_boroughs by hand; use the markers of "
            "jigsaw/need_to_know.py so the scope has one definition"
        )
    if _RESERVED.search(text):
        raise ScopeMissing(f"{name}: scope_r and scope_b are the need-to-know filter's own variable names; use others")
    if not MARKER.search(text):
        raise ScopeMissing(f"{name}: marked 'scoped: yes' but uses no need-to-know marker")
    for branch in _branches(text):
        marked: dict[str, set[str]] = {}
        for m in MARKER.finditer(branch):
            if m.group("kind"):
                marked.setdefault(m.group("kind"), set()).add(m.group("var"))
        for m in _LABELLED.finditer(branch):
            var, label = m.group("var"), m.group("label")
            kind = "IN_SCOPE" if label in RECORD_LABELS else "WORK_IN_SCOPE"
            if not var or var not in marked.get(kind, set()):
                raise ScopeMissing(
                    f"{name}: a :{label} is matched as ({var or ''}:{label}) without {kind}({var or '...'}) "
                    "in the same branch; name it and filter it"
                )
        for m in _WORK_HOP.finditer(branch):
            var = m.group("var") or m.group("var2")
            if not var or var not in marked.get("WORK_IN_SCOPE", set()):
                raise ScopeMissing(f"{name}: casework reached as ({var or ''}) without WORK_IN_SCOPE({var or '...'})")
        for m in _SAFETY_HOP.finditer(branch):
            var = m.group("var")
            if not var or var not in marked.get("PERSON_IN_SCOPE", set()):
                raise ScopeMissing(
                    f"{name}: safety mapping of ({var or ''}) read without PERSON_IN_SCOPE({var or '...'})"
                )


def scoped(name: str, text: str) -> str:
    """A scoped query outside the catalogue (e.g. a sharing package's selection): checked, then expanded."""
    check(name, text)
    return expand(text)
