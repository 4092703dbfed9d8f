"""Audit trail: for auditors and administrators. Who looked at or changed what, when and why."""

import pandas as pd
import streamlit as st

from explorer import tables
from explorer.session import user
from jigsaw import audit
from jigsaw.config import get_settings
from jigsaw.text import plural

st.title("Audit trail")
home = get_settings().jigsaw_home
check = audit.verify(home)
if check.ok:
    st.success(f"Intact: {check.events:,} events, each chained to the one before. Head hash `{check.head[:16]}…`")
else:
    st.error(
        f"Broken: {plural(len(check.problems), 'line')} {'does' if len(check.problems) == 1 else 'do'} not hold, "
        f"the first at line {check.line}: {check.problem}. "
        f"{check.events:,} events verify. `jigsaw audit verify` lists every line."
    )
audit.record(home, "consultation", user=user(), purpose="audit", action="audit trail viewed")

events = pd.DataFrame(list(audit.events(home)))
if events.empty:
    st.info("No events yet.")
    st.stop()
kinds = st.multiselect("Kinds", sorted(events.kind.unique()), placeholder="every kind")
who = st.text_input("User")
shown = events[events.kind.isin(kinds)] if kinds else events
if who.strip():
    shown = shown[shown.user == who.strip()]
shown = shown.assign(details=shown.details.map(lambda d: ", ".join(f"{k}={v}" for k, v in d.items())))
tables.show(shown[["at", "kind", "user", "purpose", "action", "details"]].iloc[::-1], hide_index=True, width="stretch")
st.caption("`jigsaw audit export` writes the whole trail, hashes included, for an auditor's own checks.")
