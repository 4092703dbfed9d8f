"""Identity review: is this the same young person? Confirm, reject or mark unsure, with a reason."""

import streamlit as st

from explorer.data import _driver
from explorer.session import require_purpose, scope, user
from identity.decisions import Verdict, decide, open_candidates
from jigsaw import audit
from jigsaw.config import get_settings

st.title("Identity review")
st.caption("Pairs of records that may be the same young person. Wrongly joining two children is worse than missing a "
           "match: confirm only when you are sure. Every verdict records who, when and why, and can be reversed.")  # fmt: skip
purpose = require_purpose()

reader = scope()
if reader.boroughs is not None:
    st.info("Identity review compares records from every borough, so it is open only to readers of every borough.")
    st.stop()
driver, database = _driver()
# Only pairs whose both records come from sources this reader may see.
queue = [c for c in open_candidates(driver, database, limit=200) if {c["a"]["source"], c["b"]["source"]} <= set(reader.sources)][:50]
audit.record(get_settings().jigsaw_home, "consultation", user=user(), purpose=purpose, action="identity queue",
             pairs=[c["pair_key"] for c in queue])  # fmt: skip
if not queue:
    st.success("Nothing waiting for review.")
    st.stop()
st.write(f"{len(queue)} pairs waiting (strongest evidence first; at most 50 shown).")
labels = {c["pair_key"]: f"{c['a']['name']} / {c['b']['name']} (score {c['score']:.1f})" for c in queue}
pair_key = st.selectbox("Pair", list(labels), format_func=lambda k: labels.get(k, k))
candidate = next(c for c in queue if c["pair_key"] == pair_key)

left, right = st.columns(2)
for column, side in ((left, candidate["a"]), (right, candidate["b"])):
    with column:
        st.markdown(f"**{side['source'].upper()} record {side['record']}**")
        st.text(f"Name: {side['name']}\nDate of birth: {side['dob'] or 'not recorded'}")
st.markdown("**Field by field**")
rows = []
for entry in candidate.get("fields") or []:  # "given_name: exact (+5.4)"
    field, _, rest = entry.partition(": ")
    level, _, weight = rest.partition(" (")
    rows.append({"field": field.replace("_", " "), "comparison": level, "evidence": weight.rstrip(")")})
st.dataframe(rows, hide_index=True, width="stretch")
st.caption(f"Why it was queued: {candidate.get('reason') or 'score between the review and link thresholds'}")

with st.form("verdict"):
    verdict = st.radio("Verdict", [v.value for v in Verdict], horizontal=True, index=None,
                       format_func={"same_person": "Same person", "not_same": "Not the same", "unsure": "Unsure"}.get)  # fmt: skip
    why = st.text_input("Why (required)")
    if st.form_submit_button("Record verdict", type="primary"):
        if verdict is None:
            st.error("Choose a verdict.")
        elif not why.strip():
            st.error("Say why: the reason is part of the record.")
        else:
            moved = decide(driver, database, pair_key, Verdict(verdict), user(), why)
            audit.record(get_settings().jigsaw_home, "alteration", user=user(), purpose=purpose, action="identity verdict",
                         pair=pair_key, verdict=verdict, mentions_moved=moved)  # fmt: skip
            st.success(f"Recorded: {verdict.replace('_', ' ')}.")
            st.rerun()
