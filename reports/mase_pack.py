"""The MASE pack for a meeting: what changed since the last meeting (new jigsaw links, new or
growing hotspots, new cross-borough ties, children whose category rose or whose missing
episodes increased), the cases listed for review, and the actions agreed before with their
owners, due dates and status (overdue ones first). Pseudonymised with the meeting's own
pseudonyms, the same ones its MASE screen shows, unless the reader may see names.

`key` is the meeting's pseudonym key (jigsaw.pseudonyms.meeting_key): made from the
deployment's secret, so the pack's pseudonyms cannot be recomputed from the meeting name."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any, Callable

from explorer.text import plural
from jigsaw.pseudonyms import pseudonym

from .model import Figure, Report, Section
from .places import place_label

Ask = Callable[[str, dict[str, Any]], list[dict[str, Any]]]
Names = Callable[[list[str]], dict[str, str]]  # person ids -> names, asked only for an identified pack


def build_mase_pack(ask: Ask, borough: str, meeting: str, on: date, since: date, *, key: str, identified: bool,
                    produced_by: str, purpose: str, cases: list[str] = (), names: Names | None = None) -> Report:  # fmt: skip
    if since >= on:
        raise ValueError("the last meeting must be before this one")
    report = Report("MASE pack", f"MASE pack: {borough}, meeting {meeting} on {on:%d/%m/%Y}", borough, (since, on),
                    produced_by, datetime.now(timezone.utc), purpose, identified)  # fmt: skip
    window = {"borough": borough, "since": since, "until": on}
    links = ask("mase_new_links", window)
    rising = ask("mase_rising", window)
    ties = ask("mase_new_cross_borough", window)
    hotspots = ask("hotspots", {"borough": borough, "date_from": since, "date_to": on})
    actions = ask("mase_actions", {"borough": borough, "since": since, "until": on})

    review = list(dict.fromkeys(
        [r["person_id"] for r in rising] + [r["person_id"] for r in links if _is_child(r["roles"])]
        + [a["subject_key"] for a in actions if a["subject_kind"] == "person" and a["status"] in ("open", "in_progress")]
        + list(cases)
    ))  # fmt: skip
    shown = set(review) | {r["person_id"] for r in links} | {r["person_id"] for r in ties}
    action_people = {a["subject_key"] for a in actions if a["subject_kind"] == "person"}
    known = names(sorted(shown | action_people)) if names else {}
    named = known if identified else {}
    report.people = sorted(shown | action_people)

    def who(person_id: str) -> str:
        return named.get(person_id) or pseudonym(person_id, key)

    changed = Section(f"What changed since the last meeting ({since:%d/%m/%Y})")
    new_spots = [h for h in hotspots if h["previous_records"] == 0]
    growing = [h for h in hotspots if h["previous_records"] > 0 and h["change_in_records"] > 0]
    changed.sentences.append(f"{plural(len(links), 'new jigsaw link')} (people now known to a second agency); {plural(len(rising), 'child')} "
                             f"whose CSE category rose or who went missing more; {plural(len(ties), 'new cross-borough tie')}; "
                             f"{len(new_spots)} new and {len(growing)} growing hotspots.")  # fmt: skip
    changed.figures += [
        Figure("Children whose category rose or who went missing more", "mase_rising", window,
               ["child", "category before", "category now", "missing before", "missing now", "latest referral"],
               [[who(r["person_id"]), r["category_before"], r["category_now"], r["missing_before"], r["missing_now"],
                 str(r["latest_referral"])] for r in rising]),
        Figure("New jigsaw links: known to a second agency since the last meeting", "mase_new_links", window,
               ["person", "roles", "agencies (first named)", "joined up on"],
               [[who(r["person_id"]), _roles(r["roles"]), "; ".join(r["agencies"]), str(r["joined_on"])] for r in links]),
        Figure("New cross-borough ties", "mase_new_cross_borough", window,
               ["person", "roles here", "other borough", "first named there"],
               [[who(r["person_id"]), _roles(r["roles"]), r["other_borough"], str(r["first_named_there"])] for r in ties]),
        Figure("New and growing hotspots", "hotspots", {"borough": borough, "date_from": since, "date_to": on},
               ["place", "type", "children at risk", "suspects", "records", "records in the period before", "new or growing"],
               [[place_label(h, identified), h["place_type"], h["children_at_risk"], h["suspects"], h["records"],
                 h["previous_records"], "new" if h["previous_records"] == 0 else "growing"] for h in new_spots + growing]),
    ]  # fmt: skip
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
    listed.figures.append(Figure("Cases", "mase_rising, mase_new_links, mase_actions", window, ["child", "why listed"],
                                 [[who(p), "; ".join(dict.fromkeys(why.get(p, [])))] for p in review]))  # fmt: skip
    report.sections.append(listed)

    agreed = Section("Actions")
    overdue = [a for a in actions if a["overdue"]]
    agreed.sentences.append(f"{plural(len(actions), 'action')}: {sum(a['status'] in ('open', 'in_progress') for a in actions)} open, "
                            f"{len(overdue)} of them overdue (shown first).")  # fmt: skip
    agreed.figures.append(Figure(
        "Actions agreed, with owners and due dates", "mase_actions", {"borough": borough, "since": since, "until": on},
        ["action", "about", "what", "owner", "due", "status"],
        [[a["action_id"], _subject(a, who, identified),
          f"{a['kind'].replace('_', ' ')}: {a['description'] if identified else _scrub(a['description'], known, key)}",
          a["owner"], str(a["due"]),
          ("OVERDUE, " if a["overdue"] else "") + a["status"].replace("_", " ")] for a in actions],
    ))  # fmt: skip
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


def _is_child(roles: list[str]) -> bool:
    return bool({"child_at_risk", "child_harmed"} & set(roles))


def _roles(roles: list[str]) -> str:
    return ", ".join(sorted(r.replace("_", " ") for r in roles))


def _subject(action: dict, who: Callable[[str], str], identified: bool) -> str:
    if action["subject_kind"] == "person":
        return who(action["subject_key"])
    if action["subject_kind"] == "place":
        place = {"place": action["subject"], "place_type": action["subject_place_type"], "postcode": action["subject_postcode"]}
        return "place: " + place_label(place, identified)
    return f"peer group: {action['subject']}"
