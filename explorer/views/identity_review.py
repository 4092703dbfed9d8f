"""Identity review: is this the same young person? Confirm, reject or mark unsure, with a reason."""

import streamlit as st

from explorer import tables
from explorer.data import graph_driver
from explorer.session import log, require_purpose, scope, user
from identity.decisions import Verdict, decide, open_candidates, person_mentions, queue_summary, split
from identity.queue import IMPACT
from jigsaw.text import day, plain, plural

st.title("Identity review")
st.caption(
    "Pairs of records that may be the same young person. Wrongly joining two children is worse than missing a "
    "match: confirm only when you are sure. Every verdict records who, when and why, and can be reversed."
)
require_purpose()

reader = scope()
if reader.boroughs is not None:
    st.info("Identity review compares records from every borough, so it is open only to readers of every borough.")
    st.stop()
driver, database = graph_driver()
# Only pairs whose both records come from sources this reader may see.
queue = [
    c
    for c in open_candidates(driver, database, limit=200)
    if {c["a"]["source"], c["b"]["source"]} <= set(reader.sources)
][:50]
log("consultation", "identity queue", pairs=[c["pair_key"] for c in queue])
waiting, expected_rate = queue_summary(driver, database, set(reader.sources))


def by_person(questions: list[dict]) -> list[dict]:
    """Questions grouped under the person they are filed under, the group with the most at stake
    first, keeping each group's own order (most at stake first)."""
    groups: dict[str, list[dict]] = {}
    for q in questions:
        groups.setdefault(q["group"], []).append(q)
    return [q for group in groups.values() for q in group]


def side_name(side: dict) -> str:
    return side["name"] or "name not recorded"  # a street name alone is kept under aliases


def person_name(q: dict) -> str:
    return side_name(q[q.get("group_side") or "a"])


VERDICTS = {"same_person": "Same person", "not_same": "Not the same", "unsure": "Unsure"}


def review_queue() -> None:
    if not queue:
        st.success("Nothing waiting for review.")
        return
    st.write(
        f"{plural(waiting, 'question')} waiting. "
        f"About {expected_rate:.0%} of them are expected to be the same young person "
        "(measured against known answers; docs/identity.md). Questions are grouped by person, and those whose "
        "answer would change most come first: a child's records joined to a suspected perpetrator's or gang "
        f"nominal's, then records from different agencies. At most 50 shown."
    )
    grouped = by_person(queue)
    tables.show(
        [
            {
                "person": person_name(q),
                "other record": side_name(q["b" if q.get("group_side") == "a" else "a"]),
                "a confirmation": IMPACT.get(q.get("impact"), (0, ""))[1],
                "chance same person": f"{q['expected']:.0%}",
                "records contradict": "yes" if (q.get("reason") or "").startswith("the records contradict") else "no",
            }
            for q in grouped
        ],
        hide_index=True,
        width="stretch",
    )
    labels = {
        c[
            "pair_key"
        ]: f"{person_name(c)}: {side_name(c['a'])} / {side_name(c['b'])} ({c['expected']:.0%} likely the same)"
        for c in grouped
    }
    pair_key = st.selectbox("Pair", list(labels), format_func=lambda k: labels.get(k, k))
    candidate = next(c for c in queue if c["pair_key"] == pair_key)
    reason = candidate.get("reason") or ""
    if reason.startswith("the records contradict"):
        # In words, so the analyst sees why no automatic link was made whatever the names say.
        st.warning(plain(reason[:1].upper() + reason[1:] + "."))
    if candidate.get("impact") in IMPACT:
        st.caption(
            f"Confirming {IMPACT[candidate['impact']][1]}. Other pairs between the same two people settled by this "
            f"answer: {candidate.get('duplicates') or 0}."
        )

    left, right = st.columns(2)
    for column, side in ((left, candidate["a"]), (right, candidate["b"])):
        with column:
            st.markdown(f"**{side['source'].upper()} record {side['record']}**")
            st.text(f"Name: {side['name']}\nDate of birth: {day(side['dob']) or 'not recorded'}")
    st.markdown("**Field by field**")
    rows = []
    for entry in candidate.get("fields") or []:  # "given_name: exact (+5.4)"
        field, _, rest = entry.partition(": ")
        level, _, weight = rest.partition(" (")
        rows.append({"field": field.replace("_", " "), "comparison": level, "evidence": weight.rstrip(")")})
    tables.show(rows, hide_index=True, width="stretch")
    st.caption(f"Why it was queued: {plain(reason or 'score between the review and link thresholds')}")

    with st.form("verdict"):
        verdict = st.radio(
            "Verdict", [v.value for v in Verdict], horizontal=True, index=None, format_func=lambda v: VERDICTS.get(v, v)
        )
        why = st.text_input("Why (required)")
        if st.form_submit_button("Record verdict", type="primary"):
            if verdict is None:
                st.error("Choose a verdict.")
            elif not why.strip():
                st.error("Say why: the reason is part of the record.")
            else:
                moved = decide(driver, database, pair_key, Verdict(verdict), user(), why)
                log("alteration", "identity verdict", pair=pair_key, verdict=verdict, mentions_moved=moved)
                st.success(f"Recorded: {verdict.replace('_', ' ')}.")
                st.rerun()


review_queue()
st.divider()
st.subheader("Split a person")
st.caption(
    "When one person has been built from two young people's records, move the wrong records out. "
    "They become a person of their own and are never joined again unless an analyst confirms it."
)
split_id = st.text_input("Person id to split", value=st.session_state.get("person_id") or "").strip()
if split_id and not reader.unrestricted:
    st.info("Splitting shows every agency's records on a person, so it is open only to readers of every source.")
elif split_id:
    own = person_mentions(driver, database, split_id)
    # Seeing a person's records is a consultation of that person: logged, naming them and each
    # record, before anything about them reaches the browser (a failed write shows nothing).
    log(
        "consultation",
        "identity split view",
        page="identity_review",
        person=split_id,
        rows=len(own),
        people=[split_id] if own else [],
        records=sorted({f"{m['source']}:{m['record']}" for m in own}),
    )
    if len(own) < 2:
        st.info("This person is built from fewer than two records: there is nothing to split.")
    else:
        shown = {
            m["mention_key"]: f"{m['source'].upper()} {m['record']}: {m['name']}, {m['dob'] or 'no date of birth'}"
            for m in own
        }
        with st.form("split"):
            move = st.multiselect(
                "Records that belong to someone else", list(shown), format_func=lambda k: shown.get(k, k)
            )
            split_why = st.text_input("Why (required)", key="split-why")
            if st.form_submit_button("Split", type="primary"):
                try:
                    new_person = split(driver, database, split_id, move, user(), split_why)
                except ValueError as problem:
                    st.error(str(problem).capitalize() + ".")
                else:
                    log("alteration", "identity split", person=split_id, new_person=new_person, mentions=move)
                    st.success(f"Moved {plural(len(move), 'record')} to {new_person}.")
