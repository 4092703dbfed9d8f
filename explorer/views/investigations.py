"""Investigations: networks kept by name, reopened with what changed since they were saved,
shared with a colleague (whose own scope applies), exported as GraphML or i2 CSV."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from explorer import downloads, graph_panel, investigation_save, session, tables
from explorer.data import graph_driver, person_cards
from explorer.graph_model import short_agency, ties_graph
from explorer.session import require_purpose
from investigations import export, store
from investigations.models import MAX_NOTE_CHARS, Drawing, tie_key
from investigations.workspace import reopen, save_again
from jigsaw import accounts
from jigsaw.config import get_settings
from jigsaw.text import plain

PAGE = "investigations"
OPEN_KEY = "investigation_open"

st.title("Investigations")
require_purpose()
driver, database = graph_driver()
user = session.user()

view = st.session_state.get(investigation_save.NETWORK_VIEW)
if isinstance(view, dict) and view.get("people"):
    st.caption(
        f"The network on screen ({len(view['people'])} people, "
        f"from the {plain(view.get('page', ''))} page) can be saved here."
    )
    investigation_save.offer(None, page=str(view.get("page", "")), key="network-view")

rows = store.listing(driver, database, user)
if not rows:
    st.info(
        "No investigations yet. Draw a network on the Person or Connections page and use 'Save as investigation' "
        "under it."
    )
    st.stop()


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


listing = pd.DataFrame(
    [
        {
            "Name": r["name"],
            "Case reference": r["case_ref"],
            "Owner": "you" if r["owner"] == user else r["owner"],
            "Shared with": ", ".join(r["shared_with"]),
            "Saved": r["saved_at"].strftime("%d/%m/%Y %H:%M"),
            "People": r["people"],
        }
        for r in rows
    ]
)
tables.show(listing, hide_index=True, width="stretch")
names = {r["investigation_id"]: f"{r['name']} ({r['case_ref']}, {r['investigation_id']})" for r in rows}
chosen = st.selectbox("Investigation", list(names), format_func=names.get, key="investigation_choice")
if st.button("Open and compare", type="primary"):
    st.session_state[OPEN_KEY] = chosen
opened_id = st.session_state.get(OPEN_KEY)
if opened_id not in names:
    st.stop()

run = investigation_save.runner(PAGE)
try:
    opened = reopen(driver, database, run, opened_id, user=user)
except store.NotFound:
    st.session_state.pop(OPEN_KEY, None)
    st.warning("That investigation is no longer available to you.")
    st.stop()
inv, changes, drawing = opened.investigation, opened.changes, opened.drawing
session.log(
    "consultation",
    "investigation opened",
    page=PAGE,
    investigation=inv.investigation_id,
    people=opened.people,
    outside_scope=opened.outside_scope,
)
owner = inv.owner == user

st.header(plain(inv.name))
st.caption(
    f"Case {plain(inv.case_ref)} · kept by {plain('you' if owner else inv.owner)} · saved {inv.saved_at:%d/%m/%Y %H:%M}"
    f" · {plain(inv.investigation_id)}"
)
if opened.outside_scope:
    st.info(
        f"{plural(opened.outside_scope, 'person in this investigation is', 'people in this investigation are')} "
        "outside your information-sharing agreement, so not shown."
    )
if opened.erased:
    st.info(f"{plural(opened.erased, 'person has', 'people have')} left this investigation: their records were erased.")

cards = person_cards(sorted(set(opened.people) | set(changes.new_reach)), page=PAGE)


def day(iso: str | None) -> str:
    """dd/mm/yyyy, as everywhere in the explorer; blank when unknown."""
    return date.fromisoformat(iso[:10]).strftime("%d/%m/%Y") if iso else ""


def name(person: str) -> str:
    return cards.get(person, {}).get("name") or person


st.subheader(f"What changed since {inv.saved_at:%d/%m/%Y}")
if not changes:
    st.success("Nothing new since it was saved, in what you may see.")
else:
    st.markdown(
        f"{plural(len(changes.new_records), 'new record', 'new records')} · "
        f"{plural(len(changes.changed), 'changed role or category', 'changed roles or categories')} · "
        f"{plural(len(changes.new_ties), 'new tie', 'new ties')} · "
        f"{plural(len(changes.new_reach), 'new person', 'new people')} within reach"
    )
    if changes.new_records:
        tables.show(
            pd.DataFrame(
                [
                    {
                        "Child or young person": name(c["person_id"]),
                        "Record": c["record_key"],
                        "Role": (c["role"] or "").replace("_", " "),
                        "Dated": day(c["date"]),
                    }
                    for c in changes.new_records
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if changes.changed:
        tables.show(
            pd.DataFrame(
                [
                    {
                        "Child or young person": name(c["person_id"]),
                        "Record": c["record_key"],
                        "What": c["what"],
                        "Was": c["before"] or "",
                        "Now": c["after"] or "",
                    }
                    for c in changes.changed
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if changes.new_ties:
        tables.show(
            pd.DataFrame(
                [{"Between": name(c["a"]), "And": name(c["b"]), "Record": c["record_key"]} for c in changes.new_ties]
            ),
            hide_index=True,
            width="stretch",
        )
    if changes.new_reach:
        tables.show(
            pd.DataFrame([{"Now within one step": name(p)} for p in changes.new_reach]),
            hide_index=True,
            width="stretch",
        )

# The network, drawn as it was left: saved positions, hidden people left out, changed and pinned people ringed.
shown = [p for p in opened.people if p not in drawing.hidden]
agencies = {f.record_key: f.source for facts in opened.now.people.values() for f in facts}
dates = {f.record_key: f.date for facts in opened.now.people.values() for f in facts}
links = [
    {
        "a": t.a,
        "b": t.b,
        "label": short_agency(agencies.get(t.record_key) or ""),
        "tooltip": t.record_key,
        "claim": "recorded_fact",
        "date": pd.Timestamp(dates[t.record_key]).date() if dates.get(t.record_key) else None,
    }
    for t in opened.now.ties
    if t.a in shown and t.b in shown
]
marked = changes.people | set(drawing.pinned)
graph = ties_graph(
    links,
    cards,
    centre=set(shown),
    label=lambda c: name(c["person_id"]) + (" (new)" if c["person_id"] in changes.people else ""),
)
for node in graph.nodes:
    node.hop = 0 if node.id in marked else 1
graph.positions.update({p: tuple(xy) for p, xy in drawing.positions.items() if p in graph.node_ids})
if drawing.hidden:
    st.caption(
        f"{plural(len([p for p in drawing.hidden if p in opened.people]), 'person is', 'people are')} hidden in "
        "this drawing."
    )
graph_panel.show(graph, title=f"Investigation {inv.investigation_id}", key="investigation")

notes = [{"About": name(p), "Note": n} for p, n in drawing.person_notes.items()]
notes += [{"About": " and ".join(name(x) for x in k.split("|")), "Note": n} for k, n in drawing.tie_notes.items()]
if notes:
    st.subheader("Notes")
    tables.show(pd.DataFrame(notes), hide_index=True, width="stretch")

# Exports: what this reader may see now, each a disclosure in the audit trail.
st.subheader("Export")
left, middle, right = st.columns(3)
details = {"investigation": inv.investigation_id, "people": opened.people}
with left:
    downloads.offer(
        "GraphML",
        lambda: export.graphml(opened, cards),
        file_name=f"{inv.investigation_id}.graphml",
        mime="application/xml",
        key="inv-graphml",
        action="export investigation",
        format="graphml",
        **details,
    )
with middle:
    downloads.offer(
        "i2 entities (CSV)",
        lambda: export.i2_entities(opened, cards),
        file_name=f"{inv.investigation_id}-entities.csv",
        mime="text/csv",
        key="inv-i2-entities",
        action="export investigation",
        format="i2 entities",
        **details,
    )
with right:
    downloads.offer(
        "i2 links (CSV)",
        lambda: export.i2_links(opened),
        file_name=f"{inv.investigation_id}-links.csv",
        mime="text/csv",
        key="inv-i2-links",
        action="export investigation",
        format="i2 links",
        **details,
    )

if not owner:
    st.caption("Only the person who kept this investigation may add notes, save it again, share it or delete it.")
    st.stop()


def _rewrite(new: Drawing, action: str, **extra) -> None:
    store.save(driver, database, inv.model_copy(update={"drawing": new}))
    session.log("alteration", action, page=PAGE, investigation=inv.investigation_id, **extra)


st.subheader("Keep working on it")
with st.form("investigation-note", clear_on_submit=True):
    about = st.selectbox(
        "Note about",
        ["person:" + p for p in opened.people]
        + ["tie:" + tie_key(t.a, t.b) for t in opened.now.ties if t.a in opened.people and t.b in opened.people],
        format_func=lambda k: (
            name(k[7:]) if k.startswith("person:") else "tie: " + " and ".join(name(x) for x in k[4:].split("|"))
        ),
    )
    text = st.text_area("Note", max_chars=MAX_NOTE_CHARS)
    if st.form_submit_button("Add note") and about:
        full = inv.drawing.model_dump()
        kind, key = about.split(":", 1)
        full["person_notes" if kind == "person" else "tie_notes"][key] = text
        try:
            _rewrite(Drawing.model_validate(full), "investigation note", about=key)
            st.rerun()
        except ValidationError:
            st.error(f"A note is at most {MAX_NOTE_CHARS:,} characters, and an investigation holds at most 500 notes.")

cols = st.columns(3)
if cols[0].button("Save again (what is known now becomes the baseline)"):
    save_again(driver, database, run, inv, user=user)
    session.log(
        "collection", "investigation saved again", page=PAGE, investigation=inv.investigation_id, people=opened.people
    )
    st.rerun()
with cols[1].form("investigation-share"):
    colleague = st.text_input("Share with (account name)", max_chars=64).strip()
    if st.form_submit_button("Share"):
        found = accounts.current(get_settings().jigsaw_home, colleague) if colleague else None
        if found is None or found.disabled or colleague == user:
            st.error("No such colleague's account. Ask your administrator for their account name.")
        else:
            shared = store.share(driver, database, inv.investigation_id, user, inv.shared_with + [colleague])
            session.log(
                "disclosure", "investigation shared", page=PAGE, investigation=inv.investigation_id, shared_with=shared
            )
            st.rerun()
    if inv.shared_with:
        stop = st.multiselect("Stop sharing with", inv.shared_with)
        if st.form_submit_button("Stop sharing") and stop:
            shared = store.share(
                driver, database, inv.investigation_id, user, [c for c in inv.shared_with if c not in stop]
            )
            session.log(
                "alteration",
                "investigation unshared",
                page=PAGE,
                investigation=inv.investigation_id,
                shared_with=shared,
            )
            st.rerun()
with cols[2].form("investigation-delete"):
    sure = st.checkbox("Yes, delete this investigation (the records themselves stay)")
    if st.form_submit_button("Delete") and sure:
        store.delete(driver, database, inv.investigation_id, user)
        session.log("alteration", "investigation deleted", page=PAGE, investigation=inv.investigation_id)
        st.session_state.pop(OPEN_KEY, None)
        st.rerun()
