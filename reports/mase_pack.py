"""The MASE pack for a meeting: what changed since the last meeting (new jigsaw links, new or
growing hotspots, new cross-borough ties, children whose category rose or whose missing
episodes increased), the cases listed for review, and the actions agreed before with their
owners, due dates and status (overdue ones first). Pseudonymised with the meeting's own
pseudonyms, the same ones its MASE screen shows, unless the reader may see names.

`key` is the meeting's pseudonym key (jigsaw.pseudonyms.meeting_key): made from the
deployment's secret, so the pack's pseudonyms cannot be recomputed from the meeting name."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from graph_loader.models.vocab import CHILD_ROLES
from jigsaw.pseudonyms import pseudonym

from .labels import word
from .model import Figure, Highlight, Report, Section
from .picture import day, plural
from .places import place_label

Ask = Callable[[str, dict[str, Any]], list[dict[str, Any]]]
Names = Callable[[list[str]], dict[str, str]]  # person ids -> names, asked only for an identified pack


def build_mase_pack(
    ask: Ask,
    borough: str,
    meeting: str,
    on: date,
    since: date,
    *,
    key: str,
    identified: bool,
    produced_by: str,
    purpose: str,
    cases: list[str] = (),
    names: Names | None = None,
) -> Report:
    if since >= on:
        raise ValueError("the last meeting must be before this one")
    report = Report(
        "MASE pack",
        f"MASE pack: {borough}, meeting {meeting} on {day(on)}",
        borough,
        (since, on),
        produced_by,
        datetime.now(UTC),
        purpose,
        identified,
    )
    window = {"borough": borough, "since": since, "until": on}
    links = ask("mase_new_links", window)
    rising = ask("mase_rising", window)
    ties = ask("mase_new_cross_borough", window)
    hotspots = ask(
        "hotspots", {"borough": borough, "date_from": since, "date_to": on, "held": True}
    )  # the borough's own records
    actions = ask("mase_actions", {"borough": borough, "since": since, "until": on})

    review = list(
        dict.fromkeys(
            [r["person_id"] for r in rising]
            + [r["person_id"] for r in links if _is_child(r["roles"])]
            + [
                a["subject_key"]
                for a in actions
                if a["subject_kind"] == "person" and a["status"] in ("open", "in_progress")
            ]
            + list(cases)
        )
    )
    shown = set(review) | {r["person_id"] for r in links} | {r["person_id"] for r in ties}
    action_people = {a["subject_key"] for a in actions if a["subject_kind"] == "person"}
    known = names(sorted(shown | action_people)) if names else {}
    named = known if identified else {}
    report.people = sorted(shown | action_people)

    def who(person_id: str) -> str:
        return named.get(person_id) or pseudonym(person_id, key)

    changed = Section(f"What changed since the last meeting ({day(since)})")
    new_spots = [h for h in hotspots if h["previous_records"] == 0]
    growing = [h for h in hotspots if h["previous_records"] > 0 and h["change_in_records"] > 0]
    counts = [
        (len(links), "new jigsaw link", "new jigsaw links", "(people now known to a second agency)"),
        (
            len(rising),
            "child whose CSE category rose or who went missing more",
            "children whose CSE category rose or who went missing more",
            "",
        ),
        (len(ties), "new cross-borough tie", "new cross-borough ties", ""),
        (len(new_spots), "new hotspot", "new hotspots", ""),
        (len(growing), "growing hotspot", "growing hotspots", ""),
    ]
    said = [f"{plural(n, one, many)} {why}".strip() for n, one, many, why in counts if n]
    changed.sentences.append(
        ("Since the last meeting: " + "; ".join(said) + ".")
        if said
        else "Nothing has changed in the graph since the last meeting."
    )
    since_words = f"since the last meeting on {day(since)}"
    report.summary = [
        Highlight(what, n, since_words, changed.title, float(n))
        for n, what in (
            (len(rising), "Children whose CSE category rose or who went missing more"),
            (len(links), "New jigsaw links"),
            (len(ties), "New cross-borough ties"),
            (len(new_spots), "New hotspots"),
            (len(growing), "Growing hotspots"),
        )
        if n
    ]
    overdue_count = sum(1 for a in actions if a["overdue"])
    if overdue_count:
        report.summary.append(
            Highlight(
                "Actions overdue",
                overdue_count,
                f"of {plural(len(actions), 'action')} in all",
                "Actions",
                float(overdue_count),
            )
        )
    report.summary = sorted(report.summary, key=lambda h: -h.weight)[:5]
    changed.figures += [
        _listing(
            Figure(
                "Children whose category rose or who went missing more",
                "mase_rising",
                window,
                ["child", "category before", "category now", "missing before", "missing now", "latest referral"],
                [
                    [
                        who(r["person_id"]),
                        word(r["category_before"]),
                        word(r["category_now"]),
                        r["missing_before"],
                        r["missing_now"],
                        day(r["latest_referral"]),
                    ]
                    for r in rising
                ],
            ),
            "No child's category rose since the last meeting.",
        ),
        _listing(
            Figure(
                "New jigsaw links: known to a second agency since the last meeting",
                "mase_new_links",
                window,
                ["person", "roles", "agencies (first named)", "joined up on"],
                [
                    [
                        who(r["person_id"]),
                        _roles(r["roles"]),
                        "; ".join(word(a) for a in r["agencies"]),
                        day(r["joined_on"]),
                    ]
                    for r in links
                ],
            ),
            "No new jigsaw links since the last meeting.",
        ),
        _listing(
            Figure(
                "New cross-borough ties",
                "mase_new_cross_borough",
                window,
                ["person", "roles here", "other borough", "first named there"],
                [
                    [who(r["person_id"]), _roles(r["roles"]), r["other_borough"], day(r["first_named_there"])]
                    for r in ties
                ],
            ),
            "No new cross-borough ties since the last meeting.",
        ),
        _listing(
            Figure(
                "New and growing hotspots",
                "hotspots",
                {"borough": borough, "date_from": since, "date_to": on, "held": True},
                [
                    "place",
                    "type",
                    "children at risk",
                    "suspects",
                    "records",
                    "records in the period before",
                    "new or growing",
                ],
                [
                    [
                        place_label(h, identified),
                        word(h["place_type"]),
                        h["children_at_risk"],
                        h["suspects"],
                        h["records"],
                        h["previous_records"],
                        "new" if h["previous_records"] == 0 else "growing",
                    ]
                    for h in new_spots + growing
                ],
            ),
            "No new or growing hotspots since the last meeting.",
        ),
    ]
    report.sections.append(changed)

    listed = Section("Cases listed for review")
    listed.sentences.append("Children with a change above, a jigsaw link, an open action, or listed by the chair.")
    why = {}
    for r in rising:
        why.setdefault(r["person_id"], []).append("category or missing episodes rose")
    for r in links:
        why.setdefault(r["person_id"], []).append("known to a second agency")
    for a in actions:
        if a["subject_kind"] == "person" and a["status"] in ("open", "in_progress"):
            why.setdefault(a["subject_key"], []).append(f"open action {a['action_id']}")
    for c in cases:
        why.setdefault(c, []).append("listed by the chair")
    listed.figures.append(
        _listing(
            Figure(
                "Cases",
                "mase_rising, mase_new_links, mase_actions",
                window,
                ["child", "why listed"],
                [[who(p), "; ".join(dict.fromkeys(why.get(p, [])))] for p in review],
            ),
            "No cases are listed for review.",
        )
    )
    report.sections.append(listed)

    agreed = Section("Actions")
    overdue = [a for a in actions if a["overdue"]]
    open_count = sum(a["status"] in ("open", "in_progress") for a in actions)
    if actions:
        agreed.sentences.append(
            f"{plural(len(actions), 'action')}: {open_count} open"
            + (f", {len(overdue)} of them overdue (shown first)." if overdue else ", no action overdue.")
        )
    else:
        agreed.sentences.append("No actions are recorded for this borough.")
    agreed.figures.append(
        _listing(
            Figure(
                "Actions agreed, with owners and due dates",
                "mase_actions",
                {"borough": borough, "since": since, "until": on},
                ["action", "about", "what", "owner", "due", "status"],
                [
                    [
                        a["action_id"],
                        _subject(a, who, identified),
                        (
                            f"{a['kind'].replace('_', ' ')}: "
                            f"{a['description'] if identified else _scrub(a['description'], known, key)}"
                        ),
                        a["owner"],
                        day(a["due"]),
                        ("OVERDUE, " if a["overdue"] else "") + a["status"].replace("_", " "),
                    ]
                    for a in actions
                ],
            ),
            "No open actions, and no action closed since the last meeting.",
        )
    )
    report.sections.append(agreed)
    return report


def _scrub(text: str, known: dict[str, str], key: str) -> str:
    """Free text typed into an action can name a child: in a pseudonymised pack each name (and
    each part of it) of the people in the pack is replaced by that person's pseudonym."""
    for person_id, name in known.items():
        parts = [name] + [p for p in name.split() if len(p) >= 3]
        for part in parts:
            text = re.sub(rf"\b{re.escape(part)}\b", pseudonym(person_id, key), text, flags=re.IGNORECASE)
    return text


def _listing(figure: Figure, nothing: str) -> Figure:
    """A table of people or places, or a sentence when there are none."""
    if not figure.rows:
        figure.text = nothing
    return figure


def _is_child(roles: list[str]) -> bool:
    return bool(set(CHILD_ROLES) & set(roles))


def _roles(roles: list[str]) -> str:
    return ", ".join(sorted(word(r) for r in roles))


def _subject(action: dict, who: Callable[[str], str], identified: bool) -> str:
    if action["subject_kind"] == "person":
        return who(action["subject_key"])
    if action["subject_kind"] == "place":
        place = {
            "place": action["subject"],
            "place_type": action["subject_place_type"],
            "postcode": action["subject_postcode"],
        }
        return "place: " + place_label(place, identified)
    return f"peer group: {action['subject']}"
