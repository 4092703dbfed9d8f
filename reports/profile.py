"""The problem profile for a borough and a period (the report's "structure for mapping CSE"):
referrals and their trend, children at risk, suspected perpetrators and the peer-on-peer
share, hotspots with a map and their change, cross-borough ties, gang overlap, HSB and data
quality. Every figure comes from one catalogue query, named under it.

`ask(name, params)` runs a catalogue query for the reader (scoped and audited by the caller)
and returns its rows.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable

from jigsaw.geo.postcodes import PostcodeLookup
from explorer.text import plural
from jigsaw.pseudonyms import pseudonym

from .model import Chart, Figure, Report, Section
from .places import place_label, place_point

Ask = Callable[[str, dict[str, Any]], list[dict[str, Any]]]

CATEGORIES = ("none", "1", "2", "3")
CATEGORY_LABELS = {"none": "no CSE category", "1": "category 1 (targeted or groomed)", "2": "category 2 (opportunistic)",
                   "3": "category 3 (habitual exploitation)"}  # fmt: skip
HOTSPOTS_SHOWN = 15


def previous_period(date_from: date, date_to: date) -> tuple[date, date]:
    """The period of the same length that ends the day before this one starts."""
    length = date_to - date_from
    end = date_from - timedelta(days=1)
    return end - length, end


def months(date_from: date, date_to: date) -> list[str]:
    out, y, m = [], date_from.year, date_from.month
    while (y, m) <= (date_to.year, date_to.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def change(now: int, before: int) -> str:
    if before == 0:
        return "none in the previous period" if now == 0 else "up from none in the previous period"
    pct = round(100 * (now - before) / before)
    if pct == 0:
        return f"the same as the previous period ({before})"
    return f"{'up' if pct > 0 else 'down'} {abs(pct)}% on the previous period ({before})"


def monthly_trend(counts: list[int]) -> str:
    """Rising, falling or steady: the least-squares slope over the months, against the mean."""
    n = len(counts)
    if n < 3 or sum(counts) == 0:
        return "too few months to call a trend"
    mean_x, mean_y = (n - 1) / 2, sum(counts) / n
    slope = sum((i - mean_x) * (c - mean_y) for i, c in enumerate(counts)) / sum((i - mean_x) ** 2 for i in range(n))
    relative = slope * n / mean_y  # change across the whole period, as a share of the average month
    if relative > 0.25:
        return "rising across the period"
    if relative < -0.25:
        return "falling across the period"
    return "broadly steady across the period"


def _dimension_figure(title: str, query: str, params: dict, rows: list[dict], count: str, dimension: str, what: str,
                      order: tuple[str, ...] = ()) -> Figure:  # fmt: skip
    picked = [r for r in rows if r["dimension"] == dimension]
    picked.sort(key=lambda r: (order.index(r["value"]) if r["value"] in order else len(order), str(r["value"])))
    return Figure(
        title=title, query=query, params=params, columns=[dimension, what], rows=[[r["value"], r[count]] for r in picked],
        chart=Chart("bars", labels=[str(r["value"]) for r in picked], values=[r[count] for r in picked], y_title=what),
    )  # fmt: skip


def build_profile(ask: Ask, borough: str, date_from: date, date_to: date, *, identified: bool, produced_by: str,
                  purpose: str, extra_quality: dict[str, int] | None = None, lookup: PostcodeLookup | None = None) -> Report:  # fmt: skip
    if date_to < date_from:
        raise ValueError("the period ends before it starts")
    produced_at = datetime.now(timezone.utc)
    report = Report("Problem profile", f"Problem profile: {borough}, {date_from:%d/%m/%Y} to {date_to:%d/%m/%Y}",
                    borough, (date_from, date_to), produced_by, produced_at, purpose, identified)  # fmt: skip
    period = {"borough": borough, "date_from": date_from, "date_to": date_to}
    before_from, before_to = previous_period(date_from, date_to)
    before = {"borough": borough, "date_from": before_from, "date_to": before_to}

    report.sections.append(_referrals(ask, period, before))
    # A random key per profile: its pseudonyms need not match any other output, and cannot be recomputed.
    report.sections.append(_children(ask, period, before, identified, key=secrets.token_hex(32), report=report))
    report.sections.append(_suspects(ask, period))
    report.sections.append(_hotspots(ask, period, identified, lookup))
    report.sections.append(_cross_borough(ask, period))
    report.sections.append(_gangs(ask, period))
    report.sections.append(_hsb(ask, period, before))
    report.sections.append(_quality(ask, period, extra_quality or {}))
    return report


def _referrals(ask: Ask, period: dict, before: dict) -> Section:
    rows = ask("report_referrals_by_month", period)
    previous = ask("report_referrals_by_month", before)
    month_list = months(period["date_from"], period["date_to"])
    by = defaultdict(int)
    for r in rows:
        by[(r["month"], r["cse_category"])] += r["referrals"]
    total, total_before = sum(r["referrals"] for r in rows), sum(r["referrals"] for r in previous)
    per_month = [sum(by[(m, c)] for c in CATEGORIES) for m in month_list]
    section = Section("Referrals to the MASH")
    section.sentences.append(f"{plural(total, 'referral')} in the period, {change(total, total_before)}; {monthly_trend(per_month)}.")
    for c in CATEGORIES:
        now = sum(by[(m, c)] for m in month_list)
        was = sum(r["referrals"] for r in previous if r["cse_category"] == c)
        if now or was:
            section.sentences.append(f"{CATEGORY_LABELS[c].capitalize()}: {now}, {change(now, was)}.")
    section.figures.append(Figure(
        title="Referrals by month and CSE category", query="report_referrals_by_month", params=period,
        columns=["month", *[f"category {c}" for c in CATEGORIES], "all"],
        rows=[[m, *[by[(m, c)] for c in CATEGORIES], per_month[i]] for i, m in enumerate(month_list)],
        chart=Chart("stacked", labels=month_list, series={f"category {c}": [by[(m, c)] for m in month_list] for c in CATEGORIES},
                    y_title="referrals"),
        note=f"Previous period for comparison: {before['date_from']} to {before['date_to']}, same query.",
    ))  # fmt: skip
    return section


def _children(ask: Ask, period: dict, before: dict, identified: bool, key: str, report: Report) -> Section:
    rows = ask("report_children_at_risk", period)
    previous = ask("report_children_at_risk", before)
    total = sum(r["children"] for r in rows if r["dimension"] == "looked after")
    total_before = sum(r["children"] for r in previous if r["dimension"] == "looked after")
    section = Section("Children at risk or harmed")
    section.sentences.append(f"{plural(total, 'child')} at risk or harmed in MASH referrals and HSB cases, {change(total, total_before)}.")
    looked_after = next((r["children"] for r in rows if r["dimension"] == "looked after" and r["value"] == "yes"), 0)
    missing = sum(r["children"] for r in rows if r["dimension"] == "missing episodes" and r["value"] != "none")
    if total:
        section.sentences.append(f"{looked_after} of them looked after ({round(100 * looked_after / total)}%); "
                                 f"{missing} with at least one missing episode ({round(100 * missing / total)}%).")  # fmt: skip
    q = "report_children_at_risk"
    section.figures += [
        _dimension_figure("By age band (age at the latest record)", q, period, rows, "children", "age band", "children",
                          ("under 10", "10 to 12", "13 to 15", "16 to 17", "not recorded")),
        _dimension_figure("By gender", q, period, rows, "children", "gender", "children"),
        _dimension_figure("Looked after", q, period, rows, "children", "looked after", "children", ("yes", "no")),
        _dimension_figure("Missing episodes (most recorded)", q, period, rows, "children", "missing episodes", "children",
                          ("none", "1 to 2", "3 to 5", "6 or more")),
    ]  # fmt: skip
    children = ask("report_children_list", period | {"identified": identified})
    report.people += [c["person_id"] for c in children]
    if identified:
        columns = ["child", "date of birth", "age", "latest category", "most missing episodes", "looked after", "records"]
        listed = [[c["name"], str(c["dob"] or ""), c["age"], c["latest_category"], c["most_missing"], _yes(c["looked_after"]),
                   c["records"]] for c in children]  # fmt: skip
    else:
        columns = ["child (pseudonym)", "age", "latest category", "most missing episodes", "looked after", "records"]
        listed = [[pseudonym(c["person_id"], key), c["age"], c["latest_category"], c["most_missing"], _yes(c["looked_after"]),
                   c["records"]] for c in children]  # fmt: skip
    section.figures.append(Figure("Children in the period, highest category first", "report_children_list",
                                  period | {"identified": identified}, columns, listed))  # fmt: skip
    return section


def _yes(value: Any) -> str:
    return "yes" if value else "no"


def _suspects(ask: Ask, period: dict) -> Section:
    rows = ask("report_suspects", period)
    total = sum(r["suspects"] for r in rows if r["dimension"] == "age band")
    peer = next((r["suspects"] for r in rows if r["dimension"] == "peer-on-peer" and r["value"] == "yes"), 0)
    known = sum(r["suspects"] for r in rows if r["dimension"] == "peer-on-peer" and r["value"] != "not known")
    section = Section("Suspected perpetrators")
    section.sentences.append(f"{plural(total, 'person')} named as suspected perpetrators in the period's referrals.")
    if known:
        section.sentences.append(f"{peer} of the {known} whose age and the child's are both recorded were within three years "
                                 f"of the child's age (peer-on-peer): {round(100 * peer / known)}%.")  # fmt: skip
    section.figures += [
        _dimension_figure("By age band (age at the referral)", "report_suspects", period, rows, "suspects", "age band", "people",
                          ("under 13", "13 to 17", "18 to 24", "25 to 34", "35 or over", "not recorded")),
        _dimension_figure("Peer-on-peer (within three years of the child's age)", "report_suspects", period, rows, "suspects",
                          "peer-on-peer", "people", ("yes", "no", "not known")),
    ]  # fmt: skip
    return section


def _hotspots(ask: Ask, period: dict, identified: bool, lookup: PostcodeLookup | None) -> Section:
    rows = ask("hotspots", period)
    section = Section("Hotspots")
    new = [r for r in rows if r["previous_records"] == 0]
    growing = [r for r in rows if r["previous_records"] > 0 and r["change_in_records"] > 0]
    section.sentences.append(f"{plural(len(rows), 'place')} named in the period's records; {len(new)} not named in the previous period, "
                             f"{len(growing)} named more often than before.")  # fmt: skip
    shown = rows[:HOTSPOTS_SHOWN]
    # Numbered as in the table, which says how each was placed (or that it could not be).
    placed = [place_point(r, identified, lookup) for r in shown]
    points = [p | {"number": n} for n, p in enumerate(placed, start=1) if p]
    section.figures.append(Figure(
        title=f"The {len(shown)} places with the most children and suspects", query="hotspots", params=period,
        columns=["#", "place", "type", "children at risk", "suspects", "records", "records before", "change", "on the map"],
        rows=[[number, place_label(r, identified), r["place_type"].replace("_", " "), r["children_at_risk"], r["suspects"], r["records"],
               r["previous_records"], r["change_in_records"], p["placed"] if p else "not placed: no position known"]
              for number, (r, p) in enumerate(zip(shown, placed), start=1)],
        chart=Chart("map", points=points) if points else None,
        note="Filled markers: where recorded, or from the postcode. Hollow markers: placed approximately, at the centre "
             "of the postcode's sector or district, or of the borough, where nothing finer is known. "
             + ("" if identified else "Private addresses are shown by district only."),
    ))  # fmt: skip
    return section


def _cross_borough(ask: Ask, period: dict) -> Section:
    rows = ask("report_cross_borough", period)
    section = Section("Cross-borough ties")
    named = [r for r in rows if r["tie"] == "named in records there too"]
    placed_in = sum(r["people"] for r in rows if r["tie"] == "placed here by them")
    placed_out = sum(r["people"] for r in rows if r["tie"] == "placed there by us")
    section.sentences.append(f"People in the period's records are also named in records of "
                             f"{plural(len(named), 'other borough')}.")  # fmt: skip
    section.sentences.append(f"{plural(placed_in, 'looked-after child')} placed here by other boroughs; {placed_out} placed elsewhere "
                             f"by {period['borough']}.")  # fmt: skip
    section.figures.append(Figure("Ties to other boroughs", "report_cross_borough", period,
                                  ["other borough", "tie", "people"], [[r["other_borough"], r["tie"], r["people"]] for r in rows],
                                  Chart("bars", labels=[r["other_borough"] for r in named[:12]],
                                        values=[r["people"] for r in named[:12]], y_title="people named there too")))  # fmt: skip
    return section


def _gangs(ask: Ask, period: dict) -> Section:
    rows = ask("report_gang_overlap", period)
    section = Section("Gang overlap")
    any_gang = next((r for r in rows if r["gang"] == "any gang"), {"children_who_are_nominals": 0, "children_named_with_a_nominal": 0})
    section.sentences.append(f"{plural(any_gang['children_who_are_nominals'], 'child')} at risk or harmed "
                             f"{'is a gang nominal' if any_gang['children_who_are_nominals'] == 1 else 'are gang nominals'} themselves; "
                             f"{any_gang['children_named_with_a_nominal']} more are named in a record alongside one.")  # fmt: skip
    section.figures.append(Figure("Children and gangs", "report_gang_overlap", period,
                                  ["gang", "children who are nominals", "children named with a nominal"],
                                  [[r["gang"], r["children_who_are_nominals"], r["children_named_with_a_nominal"]] for r in rows]))  # fmt: skip
    return section


def _hsb(ask: Ask, period: dict, before: dict) -> Section:
    rows = ask("report_hsb", period)
    previous = ask("report_hsb", before)
    cases = next((r["count"] for r in rows if r["dimension"] == "cases"), 0)
    was = next((r["count"] for r in previous if r["dimension"] == "cases"), 0)
    section = Section("Harmful sexual behaviour")
    section.sentences.append(f"{cases} HSB cases opened, {change(cases, was)}.")
    for dimension in ("children", "setting", "aim level", "outcome"):
        picked = [r for r in rows if r["dimension"] == dimension]
        if picked:
            section.figures.append(Figure(f"HSB cases: {dimension}", "report_hsb", period, [dimension, "count"],
                                          [[r["value"], r["count"]] for r in picked]))  # fmt: skip
    return section


def _quality(ask: Ask, period: dict, extra: dict[str, int]) -> Section:
    rows = ask("report_data_quality", period)
    section = Section("Data quality")
    table = [[r["measure"], r["value"]] for r in rows] + [[k, v] for k, v in extra.items()]
    section.sentences.append("What to bear in mind when reading the figures above.")
    section.figures.append(Figure("Data quality", "report_data_quality", period, ["measure", "value"], table,
                                  note="Rows rejected at load and records past their review date come from the load "
                                       "reports and the retention policy (config/retention.toml)."))  # fmt: skip
    return section
