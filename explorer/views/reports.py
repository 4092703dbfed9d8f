"""Reports and actions: problem profiles and MASE packs to download, the actions a MASE agreed,
contexts (places and peer groups) as cases, and safety mapping."""

from datetime import date, timedelta

import streamlit as st
from pydantic import ValidationError

from casework import store
from casework.models import ActionKind, ActionStatus, AssessmentKind, NewAction, NewAssessment, NewSafetyEntry, Subject
from explorer import downloads, session, tables
from explorer.data import graph_driver, run_query, run_rows
from explorer.session import require_purpose
from graph_loader.models.vocab import LONDON_BOROUGHS
from jigsaw.access import may_see_names
from jigsaw.catalogue import NotPermitted
from jigsaw.config import get_settings
from jigsaw.text import plural
from reports import produce

st.title("Reports and actions")
reference = require_purpose()
signed_in = session.account()
driver, database = graph_driver()
names_allowed = may_see_names(signed_in.role)


FORMAT_NAMES = {"html": "HTML", "pdf": "PDF", "docx": "Word"}  # Word: for the analyst to finish before the board


def _offer(report, ask, fmt: str, key: str) -> None:
    """Render, log the disclosure, and offer the file."""
    content = produce.render(report, fmt)
    produce.log_disclosure(get_settings().jigsaw_home, report, ask, content, fmt, page="reports")
    kind = "identified" if report.identified else "pseudonymised"
    st.success(f"{report.kind} ready ({kind}); its production is recorded in the audit trail as a disclosure.")
    # The production above is the disclosure; the file itself is made in the store only on the click.
    downloads.offer(
        f"Download {report.kind} ({FORMAT_NAMES[fmt]})",
        lambda: content,
        file_name=f"{key}.{fmt}",
        mime=produce.MIME[fmt],
        key=f"{key}-download",
        action=None,
    )


def _problem(err: Exception) -> None:
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        st.error(f"Not recorded: {first['loc'][-1] if first['loc'] else ''} {first['msg']}")
    else:
        st.error(f"Not done: {err}")


profile_tab, pack_tab, actions_tab, contexts_tab = st.tabs(
    ["Problem profile", "MASE pack", "Actions", "Contexts and safety"]
)

with profile_tab:
    st.caption(
        "Referrals and their trend, children at risk, suspected perpetrators and the peer-on-peer share, hotspots "
        "with a map, cross-borough ties, gang overlap, HSB and data quality. Every figure names the query behind it."
    )
    with st.form("profile"):
        cols = st.columns(3)
        borough = cols[0].selectbox("Borough", LONDON_BOROUGHS, key="profile_borough")
        start = cols[1].date_input("From", value=date.today() - timedelta(days=365), format="DD/MM/YYYY")
        end = cols[2].date_input("To", value=date.today(), format="DD/MM/YYYY")
        fmt = st.radio(
            "Format", list(produce.FORMATS), horizontal=True, format_func=FORMAT_NAMES.get, key="profile_format"
        )
        identified = (
            st.checkbox(
                "Identified (names and dates of birth)",
                disabled=not names_allowed,
                help="Only under an information-sharing agreement that allows it.",
            )
            and names_allowed
        )
        go = st.form_submit_button("Produce the problem profile", type="primary")
    if go:
        try:
            with st.spinner("Asking the graph ..."):
                report, ask = produce.profile(
                    driver,
                    database,
                    borough,
                    start,
                    end,
                    user=session.user(),
                    purpose=reference,
                    identified=identified,
                    scope=session.scope(),
                )
            _offer(report, ask, fmt, f"profile-{borough}-{start}-{end}")
        except NotPermitted:
            st.info("Part of this profile draws on sources outside your information-sharing agreement.")
        except ValueError as err:
            _problem(err)

with pack_tab:
    st.caption(
        "What changed since the last meeting, the cases listed for review, and the actions agreed, overdue first. "
        "Pseudonyms are the meeting's own, the same as on its MASE screen."
    )
    with st.form("pack"):
        cols = st.columns(4)
        borough = cols[0].selectbox("Borough", LONDON_BOROUGHS, key="pack_borough")
        meeting = cols[1].text_input("Meeting reference", value=reference)
        on = cols[2].date_input("Meeting date", value=date.today(), format="DD/MM/YYYY")
        since = cols[3].date_input("Last meeting", value=date.today() - timedelta(days=28), format="DD/MM/YYYY")
        fmt = st.radio(
            "Format", list(produce.FORMATS), horizontal=True, format_func=FORMAT_NAMES.get, key="pack_format"
        )
        identified = st.checkbox("Identified", disabled=not names_allowed, key="pack_identified") and names_allowed
        go = st.form_submit_button("Produce the MASE pack", type="primary")
    if go:
        try:
            report, ask = produce.mase_pack(
                driver,
                database,
                borough,
                meeting.strip() or reference,
                on,
                since,
                user=session.user(),
                purpose=reference,
                identified=identified,
                scope=session.scope(),
            )
            store.record_meeting(driver, database, meeting.strip() or reference, borough, on, user=session.user())
            _offer(report, ask, fmt, f"mase-{borough}-{on}")
        except NotPermitted:
            st.info("The pack draws on sources outside your information-sharing agreement.")
        except ValueError as err:
            _problem(err)

with actions_tab:
    cols = st.columns(2)
    borough = cols[0].selectbox("Borough", LONDON_BOROUGHS, key="actions_borough")
    on = cols[1].date_input("As at", value=date.today(), format="DD/MM/YYYY", key="actions_on")
    actions = run_query("mase_actions", page="reports", borough=borough, until=on)
    if actions.empty:
        st.caption("No actions recorded for this borough yet.")
    else:
        tables.show(
            actions.drop(columns=["history", "subject_place_type", "subject_postcode"]),
            hide_index=True,
            width="stretch",
        )
    with st.form("add_action", clear_on_submit=True):
        st.markdown(
            "**Record an action**: about a child (person id), a place (place key) or a peer-group context (context id)."
        )
        cols = st.columns([1, 2])
        subject_kind = cols[0].selectbox("About a", ["person", "place", "context"])
        subject_key = cols[1].text_input("Its id or key")
        cols = st.columns(3)
        kind = cols[0].selectbox("Kind", [k.value for k in ActionKind], format_func=lambda k: k.replace("_", " "))
        owner = cols[1].text_input("Owner (role or team)")
        due = cols[2].date_input("Due", value=date.today() + timedelta(days=28), format="DD/MM/YYYY")
        description = st.text_area("What will be done (without names: packs are pseudonymised)")
        if st.form_submit_button("Record the action"):
            try:
                action = NewAction(
                    subject=Subject(kind=subject_kind, key=subject_key),
                    kind=kind,
                    description=description,
                    owner=owner,
                    due=due,
                    borough=borough,
                    meeting=reference,
                )
                action_id = store.add_action(
                    driver, database, action, user=session.user(), purpose=reference, scope=session.scope()
                )
                session.log(
                    "collection",
                    "casework action add",
                    page="reports",
                    result=action_id,
                    subject=action.subject.model_dump(),
                )
                st.success(f"Action {action_id} recorded.")
            except (ValidationError, ValueError, store.NotFound) as err:
                _problem(err)
    if not actions.empty:
        with st.form("update_action", clear_on_submit=True):
            st.markdown("**Update an action**")
            cols = st.columns([2, 1, 3])
            action_id = cols[0].selectbox("Action", actions.action_id.tolist())
            status = cols[1].selectbox(
                "Status", [s.value for s in ActionStatus], format_func=lambda s: s.replace("_", " ")
            )
            note = cols[2].text_input("What happened")
            if st.form_submit_button("Update"):
                try:
                    store.update_action(
                        driver,
                        database,
                        action_id,
                        ActionStatus(status),
                        user=session.user(),
                        note=note,
                        scope=session.scope(),
                    )
                    session.log(
                        "alteration", "casework action update", page="reports", action_id=action_id, status=status
                    )
                    st.success(f"Action {action_id} is now {status.replace('_', ' ')}.")
                except (ValueError, store.NotFound) as err:
                    _problem(err)

with contexts_tab:
    st.markdown(
        "**A place or a peer group as a case.** Assessments and plans about a context show on the profile of every "
        "child tied to it."
    )
    groups = run_rows("peer_groups", page="reports")
    with st.form("pin_group", clear_on_submit=True):
        cols = st.columns([2, 2, 1])
        group = cols[0].selectbox(
            "Peer group",
            [g["group_id"] for g in groups],
            format_func=lambda g: (
                f"{g} ({plural(next(x['size'] for x in groups if x['group_id'] == g), 'young person', 'young people')})"
            ),
        )
        name = cols[1].text_input("Name for the context (no children's names)")
        borough = cols[2].selectbox("Borough", LONDON_BOROUGHS, key="pin_borough")
        if st.form_submit_button("Make this peer group a context") and group:
            try:
                context_id, members = store.pin_peer_group(
                    driver,
                    database,
                    group,
                    name,
                    borough,
                    user=session.user(),
                    purpose=reference,
                    scope=session.scope(),
                )
                session.log("collection", "casework pin-group", page="reports", group_id=group, result=context_id)
                st.success(f"Context {context_id} holds {plural(members, 'young person', 'young people')}.")
            except (ValueError, store.NotFound) as err:
                _problem(err)
    with st.form("assess", clear_on_submit=True):
        cols = st.columns([1, 2, 1])
        subject_kind = cols[0].selectbox("About a", ["place", "context", "person"], key="assess_kind")
        subject_key = cols[1].text_input("Its key or id", key="assess_key")
        kind = cols[2].selectbox("Record", [k.value for k in AssessmentKind])
        cols = st.columns(3)
        owner = cols[0].text_input("Owner", key="assess_owner")
        borough = cols[1].selectbox("Borough", LONDON_BOROUGHS, key="assess_borough")
        review_on = cols[2].date_input("Review on", value=date.today() + timedelta(days=90), format="DD/MM/YYYY")
        summary = st.text_area("Summary (without names)")
        if st.form_submit_button("Record"):
            try:
                model = NewAssessment(
                    subject=Subject(kind=subject_kind, key=subject_key),
                    kind=kind,
                    summary=summary,
                    owner=owner,
                    borough=borough,
                    review_on=review_on,
                )
                assessment_id = store.add_assessment(
                    driver, database, model, user=session.user(), purpose=reference, scope=session.scope()
                )
                session.log(
                    "collection",
                    f"casework {kind}",
                    page="reports",
                    result=assessment_id,
                    subject=model.subject.model_dump(),
                )
                st.success(f"{kind.capitalize()} {assessment_id} recorded.")
            except (ValidationError, ValueError, store.NotFound) as err:
                _problem(err)
    st.markdown(
        "**Safety mapping**: protective adults and safe places for a child, so the graph holds a safety plan "
        "as well as risk."
    )
    with st.form("safety", clear_on_submit=True):
        cols = st.columns(3)
        person = cols[0].text_input("Child (person id)", value=st.session_state.get("person_id", ""))
        kind = cols[1].selectbox("Kind", ["protective_adult", "safe_place"], format_func=lambda k: k.replace("_", " "))
        target = cols[2].text_input("Known adult's person id, or the place key")
        description = st.text_input("Or, for an adult not in the graph, describe them (e.g. 'Aunt')")
        note = st.text_input("Note")
        if st.form_submit_button("Record"):
            try:
                model = NewSafetyEntry(
                    person_id=person,
                    kind=kind,
                    target_key=target or None,
                    description=description or None,
                    note=note or None,
                )
                entry_id = store.add_safety(
                    driver, database, model, user=session.user(), purpose=reference, scope=session.scope()
                )
                session.log("collection", "casework safety", page="reports", person=person, result=entry_id)
                st.success(f"Safety mapping {entry_id} recorded.")
            except (ValidationError, ValueError, store.NotFound) as err:
                _problem(err)
