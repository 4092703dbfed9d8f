"""An investigation as files another tool reads: GraphML (networkx.write_graphml) and the entity
and link CSV pair an i2 Analyst's Notebook import specification maps (entities: id, type,
label, attributes; links: from, to, type, date, record).

Built from a reopen, so only what the reader may see now goes in. Every text value passes the
spreadsheet formula guard of jigsaw/spreadsheet_safe.py (GraphML is opened in spreadsheets and in
tools that import into them too). The caller logs each file as a disclosure.
"""

from __future__ import annotations

import csv
import io

import networkx as nx

from jigsaw.spreadsheet_safe import neutralise

from .models import tie_key
from .workspace import Reopened

ENTITY_COLUMNS = ("id", "type", "label", "attributes")
LINK_COLUMNS = ("from", "to", "type", "date", "record")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        value = "; ".join(sorted(str(v) for v in value))
    return str(neutralise(str(value)))


def _person_attributes(opened: Reopened, person: str, card: dict) -> dict[str, str]:
    drawing = opened.drawing
    facts = opened.now.people.get(person, [])
    categories = sorted({f.cse_category for f in facts if f.cse_category})
    return {
        "roles": _text({f.role for f in facts if f.role}),
        "records": _text({f.record_key for f in facts}),
        "cse_categories": _text(categories),
        "agencies": _text(card.get("agencies") or []),
        "hidden": "yes" if person in drawing.hidden else "no",
        "pinned": "yes" if person in drawing.pinned else "no",
        "note": _text(drawing.person_notes.get(person)),
        "changed": "yes" if person in opened.changes.people else "no",
    }


def _ties(opened: Reopened) -> list[dict]:
    """Each tie among the people the reader sees, with its record (and its date from the records read)."""
    seen = set(opened.people)
    dates = {f.record_key: f.date for facts in opened.now.people.values() for f in facts}
    sources = {f.record_key: f.source for facts in opened.now.people.values() for f in facts}
    return [
        {
            "a": t.a,
            "b": t.b,
            "record_key": t.record_key,
            "date": dates.get(t.record_key),
            "source": sources.get(t.record_key),
        }
        for t in opened.now.ties
        if t.a in seen and t.b in seen
    ]


def graphml(opened: Reopened, cards: dict[str, dict]) -> bytes:
    """GraphML: people as nodes (label, roles, records, position...), one edge per record tying two people."""
    g = nx.MultiGraph(name=_text(opened.investigation.name), case_ref=_text(opened.investigation.case_ref))
    positions = opened.drawing.positions
    for person in opened.people:
        card = cards.get(person, {})
        x, y = positions.get(person, (0.0, 0.0))
        g.add_node(
            person,
            label=_text(card.get("name") or person),
            x=float(x),
            y=float(y),
            **_person_attributes(opened, person, card),
        )
    for tie in _ties(opened):
        g.add_edge(
            tie["a"],
            tie["b"],
            key=tie["record_key"],
            record=_text(tie["record_key"]),
            date=_text(tie["date"]),
            source=_text(tie["source"]),
            note=_text(opened.drawing.tie_notes.get(tie_key(tie["a"], tie["b"]))),
        )
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8")
    return out.getvalue()


def _csv(columns: tuple[str, ...], rows: list[tuple]) -> bytes:
    """Every cell quoted and through the formula guard (column names too)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in columns])
    writer.writerows([[_text(v) for v in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def i2_entities(opened: Reopened, cards: dict[str, dict]) -> bytes:
    """Entities: id, type (Person), label (the name most agencies recorded), attributes (key=value; ...)."""
    rows = []
    for person in opened.people:
        card = cards.get(person, {})
        attributes = "; ".join(f"{k}={v}" for k, v in _person_attributes(opened, person, card).items() if v)
        rows.append((person, "Person", card.get("name") or person, attributes))
    return _csv(ENTITY_COLUMNS, rows)


def i2_links(opened: Reopened) -> bytes:
    """Links: from, to, type (the source of the record), date, record (its key)."""
    return _csv(
        LINK_COLUMNS,
        [
            (t["a"], t["b"], f"named together ({t['source'] or 'record'})", t["date"], t["record_key"])
            for t in _ties(opened)
        ],
    )
