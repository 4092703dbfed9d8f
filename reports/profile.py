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
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from jigsaw.geo.postcodes import PostcodeLookup
from jigsaw.pseudonyms import pseudonym

from .labels import word
from .model import Chart, Figure, Highlight, Report, Section
from .picture import change, day, distribution, plural, trend_alt
from .places import place_label, place_point

Ask = Callable[[str, dict[str, Any]], list[dict[str, Any]]]

CATEGORIES = ("none", "1", "2", "3")
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


def _dimension_figure(
    title: str,
    query: str,
    params: dict,
    rows: list[dict],
    count: str,
    dimension: str,
    what: str,
    order: tuple[str, ...] = (),
    kind: str = "share",
) -> Figure:
    picked = [r for r in rows if r["dimension"] == dimension]
    picked.sort(key=lambda r: (order.index(r["value"]) if r["value"] in order else len(order), str(r["value"])))
    return distribution(
        title, query, params, [(r["value"], r[count]) for r in picked], dimension=dimension, what=what, kind=kind
    )


def build_profile(
    ask: Ask,
    borough: str,
    date_from: date,
    date_to: date,
    *,
    identified: bool,
    produced_by: str,
    purpose: str,
    extra_quality: dict[str, int] | None = None,
    lookup: PostcodeLookup | None = None,
) -> Report:
    if date_to < date_from:
        raise ValueError("the period ends before it starts")
    produced_at = datetime.now(UTC)
    report = Report(
        "Problem profile",
        f"Problem profile: {borough}, {day(date_from)} to {day(date_to)}",
        borough,
        (date_from, date_to),
        produced_by,
        produced_at,
        purpose,
        identified,
    )
    period = {"borough": borough, "date_from": date_from, "date_to": date_to}
    before_from, before_to = previous_period(date_from, date_to)
    before = {"borough": borough, "date_from": before_from, "date_to": before_to}

    candidates: list[Highlight] = []
    report.sections.append(_referrals(ask, period, before, candidates))
    # A random key per profile: its pseudonyms need not match any other output, and cannot be recomputed.
    report.sections.append(
        _children(ask, period, before, identified, key=secrets.token_hex(32), report=report, candidates=candidates)
    )
    report.sections.append(_suspects(ask, period, before, candidates))
    report.sections.append(_hotspots(ask, period, identified, lookup, candidates))
    report.sections.append(_cross_borough(ask, period))
    report.sections.append(_gangs(ask, period))
    report.sections.append(_hsb(ask, period, before, candidates))
    report.sections.append(_quality(ask, period, extra_quality or {}))
    report.summary = top_changes(candidates)
    return report


def top_changes(candidates: list[Highlight], n: int = 5) -> list[Highlight]:
    """The n measures that changed most on the previous period; where nothing can be compared
    (no data loaded before), the largest figures, saying so."""
    moving = [c for c in candidates if c.now or c.weight]
    moving.sort(key=lambda c: (c.weight > 0, c.weight, c.now), reverse=True)
    return moving[:n]


def _highlight(what: str, now: int, was: int, loaded: bool, section: str) -> Highlight:
    if not loaded:
        weight = 0.0
    elif was:
        weight = abs(now - was) / was
    else:
        weight = 1.0 if now else 0.0  # new this period: as big a change as a doubling
    return Highlight(what, now, change(now, was, loaded), section, weight)


def _referrals(ask: Ask, period: dict, before: dict, candidates: list[Highlight]) -> Section:
    rows = ask("report_referrals_by_month", period)
    previous = ask("report_referrals_by_month", before)
    loaded = bool(previous)
    month_list = months(period["date_from"], period["date_to"])
    before_months = months(before["date_from"], before["date_to"])
    by = defaultdict(int)
    for r in rows:
        by[(r["month"], r["cse_category"])] += r["referrals"]
    by_before = defaultdict(int)
    for r in previous:
        by_before[r["month"]] += r["referrals"]
    total, total_before = sum(r["referrals"] for r in rows), sum(r["referrals"] for r in previous)
    per_month = [sum(by[(m, c)] for c in CATEGORIES) for m in month_list]
    title = "Referrals to the MASH"
    section = Section(title)
    verdict = monthly_trend(per_month)
    section.sentences.append(
        f"{plural(total, 'referral')} in the period, {change(total, total_before, loaded)}; {verdict}."
    )
    candidates.append(_highlight("Referrals to the MASH", total, total_before, loaded, title))
    table = []
    for c in CATEGORIES:
        now = sum(by[(m, c)] for m in month_list)
        was = sum(r["referrals"] for r in previous if r["cse_category"] == c)
        if now or was:
            table.append([word(c), now, was if loaded else None, change(now, was, loaded)])
            if c != "none":
                candidates.append(_highlight(f"Referrals at {word(c)}", now, was, loaded, title))
    series = {word(c): [by[(m, c)] for m in month_list] for c in CATEGORIES if any(by[(m, c)] for m in month_list)}
    if len(series) > 1:
        series = {"all referrals": per_month} | series
    shaded = [by_before[m] for m in before_months][: len(month_list)] if loaded else []
    figure = Figure(
        title="Referrals by month and CSE category",
        query="report_referrals_by_month",
        params=period,
        columns=["CSE category", "this period", "previous period", "change"],
        rows=table,
        chart=Chart(
            "line",
            labels=month_list,
            series=series,
            previous=shaded,
            y_title="referrals per month",
            alt=trend_alt("referrals", month_list, per_month, total_before if loaded else None, verdict),
        ),
        note=f"Previous period for comparison: {day(before['date_from'])} to {day(before['date_to'])}, same query"
        + ("." if loaded else "; no referrals are loaded for it."),
    )
    if not total:
        figure.text = "No referrals recorded in this period."
    section.figures.append(figure)
    return section


def _children(
    ask: Ask, period: dict, before: dict, identified: bool, key: str, report: Report, candidates: list[Highlight]
) -> Section:
    rows = ask("report_children_at_risk", period)
    previous = ask("report_children_at_risk", before)
    loaded = bool(previous)
    total = sum(r["children"] for r in rows if r["dimension"] == "looked after")
    total_before = sum(r["children"] for r in previous if r["dimension"] == "looked after")
    title = "Children at risk or harmed"
    section = Section(title)
    section.sentences.append(
        f"{plural(total, 'child', 'children')} at risk or harmed in MASH referrals and HSB cases, "
        f"{change(total, total_before, loaded)}."
    )
    candidates.append(_highlight("Children at risk or harmed", total, total_before, loaded, title))

    def looked(rs):
        return next((r["children"] for r in rs if r["dimension"] == "looked after" and r["value"] == "yes"), 0)

    def went_missing(rs):
        return sum(r["children"] for r in rs if r["dimension"] == "missing episodes" and r["value"] != "none")

    looked_after, missing = looked(rows), went_missing(rows)
    if total:
        section.sentences.append(
            f"{looked_after} of them looked after ({round(100 * looked_after / total)}%); "
            f"{missing} with at least one missing episode ({round(100 * missing / total)}%)."
        )
    candidates.append(
        _highlight("Looked-after children at risk or harmed", looked_after, looked(previous), loaded, title)
    )
    candidates.append(
        _highlight("Children at risk with a missing episode", missing, went_missing(previous), loaded, title)
    )
    q = "report_children_at_risk"
    section.figures += [
        _dimension_figure(
            "By age band (age at the latest record)",
            q,
            period,
            rows,
            "children",
            "age band",
            "children",
            ("under 10", "10 to 12", "13 to 15", "16 to 17", "not recorded"),
            kind="bars",
        ),
        _dimension_figure(
            "By gender", q, period, rows, "children", "gender", "children", ("female", "male", "non_binary")
        ),
        _dimension_figure("Looked after", q, period, rows, "children", "looked after", "children", ("yes", "no")),
        _dimension_figure(
            "Missing episodes (most recorded)",
            q,
            period,
            rows,
            "children",
            "missing episodes",
            "children",
            ("none", "1 to 2", "3 to 5", "6 or more"),
        ),
    ]
    children = ask("report_children_list", period | {"identified": identified})
    report.people += [c["person_id"] for c in children]
    if identified:
        columns = [
            "child",
            "date of birth",
            "age",
            "latest category",
            "most missing episodes",
            "looked after",
            "records",
        ]
        listed = [
            [
                c["name"],
                str(c["dob"] or ""),
                c["age"],
                word(c["latest_category"]),
                c["most_missing"],
                _yes(c["looked_after"]),
                c["records"],
            ]
            for c in children
        ]
    else:
        columns = ["child (pseudonym)", "age", "latest category", "most missing episodes", "looked after", "records"]
        listed = [
            [
                pseudonym(c["person_id"], key),
                c["age"],
                word(c["latest_category"]),
                c["most_missing"],
                _yes(c["looked_after"]),
                c["records"],
            ]
            for c in children
        ]
    figure = Figure(
        "Children in the period, highest category first",
        "report_children_list",
        period | {"identified": identified},
        columns,
        listed,
    )
    if not listed:
        figure.text = "No children at risk or harmed are recorded in this period."
    section.figures.append(figure)
    return section


def _yes(value: Any) -> str:
    return "yes" if value else "no"


def _suspects(ask: Ask, period: dict, before: dict, candidates: list[Highlight]) -> Section:
    rows = ask("report_suspects", period)
    previous = ask("report_suspects", before)
    total = sum(r["suspects"] for r in rows if r["dimension"] == "age band")
    total_before = sum(r["suspects"] for r in previous if r["dimension"] == "age band")
    peer = next((r["suspects"] for r in rows if r["dimension"] == "peer-on-peer" and r["value"] == "yes"), 0)
    known = sum(r["suspects"] for r in rows if r["dimension"] == "peer-on-peer" and r["value"] != "not known")
    title = "Suspected perpetrators"
    section = Section(title)
    section.sentences.append(
        f"{plural(total, 'person', 'people')} named as suspected perpetrators in the period's referrals."
    )
    # Suspects are named only in referrals: compare when referrals were loaded for the period before.
    loaded = bool(previous) or bool(ask("report_referrals_by_month", before))
    candidates.append(_highlight("People named as suspected perpetrators", total, total_before, loaded, title))
    if known:
        section.sentences.append(
            f"{peer} of the {known} whose age and the child's are both recorded were within three years "
            f"of the child's age (peer-on-peer): {round(100 * peer / known)}%."
        )
    section.figures += [
        _dimension_figure(
            "By age band (age at the referral)",
            "report_suspects",
            period,
            rows,
            "suspects",
            "age band",
            "people",
            ("under 13", "13 to 17", "18 to 24", "25 to 34", "35 or over", "not recorded"),
            kind="bars",
        ),
        _dimension_figure(
            "Peer-on-peer (within three years of the child's age)",
            "report_suspects",
            period,
            rows,
            "suspects",
            "peer-on-peer",
            "people",
            ("yes", "no", "not known"),
        ),
    ]
    return section


def _hotspots(
    ask: Ask, period: dict, identified: bool, lookup: PostcodeLookup | None, candidates: list[Highlight]
) -> Section:
    # A borough's profile reads the places its own records name, wherever they are (a child held
    # here may be exploited across the border): hotspots' held reading, as before its borough filter changed.
    period = period | {"held": True}
    rows = ask("hotspots", period)
    title = "Hotspots"
    section = Section(title)
    new = [r for r in rows if r["previous_records"] == 0]
    growing = [r for r in rows if r["previous_records"] > 0 and r["change_in_records"] > 0]
    if not rows:
        section.sentences.append("No places are named in the period's records.")
    else:
        parts = [
            f"{len(new)} not named in the previous period" if new else "",
            f"{len(growing)} named more often than before" if growing else "",
        ]
        said = ", ".join(p for p in parts if p)
        section.sentences.append(
            f"{plural(len(rows), 'place')} named in the period's records" + (f": {said}." if said else ".")
        )
    before_places = sum(1 for r in rows if r["previous_records"] > 0)
    candidates.append(
        _highlight("Places named in the records (hotspots)", len(rows), before_places, before_places > 0, title)
    )
    shown = rows[:HOTSPOTS_SHOWN]
    # Numbered as in the table, which says how each was placed (or that it could not be).
    placed = [place_point(r, identified, lookup) for r in shown]
    points = [p | {"number": n} for n, p in enumerate(placed, start=1) if p]
    figure = Figure(
        title=f"The {plural(len(shown), 'place')} with the most children and suspects" if shown else "Places",
        query="hotspots",
        params=period,
        columns=[
            "#",
            "place",
            "type",
            "children at risk",
            "suspects",
            "records",
            "records before",
            "change",
            "on the map",
        ],
        rows=[
            [
                number,
                place_label(r, identified),
                word(r["place_type"]),
                r["children_at_risk"],
                r["suspects"],
                r["records"],
                r["previous_records"],
                r["change_in_records"],
                p["placed"] if p else "not placed: no position known",
            ]
            for number, (r, p) in enumerate(zip(shown, placed), start=1)
        ],
        chart=Chart(
            "map",
            points=points,
            alt=f"Map of {plural(len(points), 'place')} numbered as in the table; "
            f"{sum(1 for p in points if p['highlighted'])} where suspects were seen (triangles).",
        )
        if points
        else None,
        note=(
            "Filled markers: where recorded, or from the postcode. Hollow markers: placed approximately, at the centre "
            "of the postcode's sector or district, or of the borough, where nothing finer is known. "
            + ("" if identified else "Private addresses are shown by district only.")
        )
        if points
        else "",
    )
    if not rows:
        figure.text = "No places recorded in this period."
    section.figures.append(figure)
    return section


def _cross_borough(ask: Ask, period: dict) -> Section:
    rows = ask("report_cross_borough", period)
    section = Section("Cross-borough ties")
    named = [r for r in rows if r["tie"] == "named in records there too"]
    placed_in = sum(r["people"] for r in rows if r["tie"] == "placed here by them")
    placed_out = sum(r["people"] for r in rows if r["tie"] == "placed there by us")
    if named:
        section.sentences.append(
            f"People in the period's records are also named in records of {plural(len(named), 'other borough')}."
        )
    else:
        section.sentences.append("No one in the period's records is named in another borough's records.")
    if placed_in or placed_out:
        section.sentences.append(
            f"{plural(placed_in, 'looked-after child', 'looked-after children')} placed here by other "
            f"boroughs; {placed_out} placed elsewhere by {period['borough']}."
        )
    else:
        section.sentences.append(
            "No looked-after child named in the period's records was placed across a borough boundary."
        )
    figure = Figure(
        "Ties to other boroughs",
        "report_cross_borough",
        period,
        ["other borough", "tie", "people"],
        [[r["other_borough"], r["tie"], r["people"]] for r in rows],
    )
    if len(named) > 1:
        top = named[:12]
        figure.chart = Chart(
            "bars",
            labels=[r["other_borough"] for r in top],
            values=[r["people"] for r in top],
            y_title="people named there too",
            alt="Bar chart of people named in other boroughs' records too: "
            + ", ".join(f"{r['other_borough']} {r['people']}" for r in top)
            + ".",
        )
    if not rows:
        figure.text = "No ties to other boroughs in this period."
    section.figures.append(figure)
    return section


def _gangs(ask: Ask, period: dict) -> Section:
    rows = ask("report_gang_overlap", period)
    section = Section("Gang overlap")
    any_gang = next(
        (r for r in rows if r["gang"] == "any gang"),
        {"children_who_are_nominals": 0, "children_named_with_a_nominal": 0},
    )
    nominals, alongside = any_gang["children_who_are_nominals"], any_gang["children_named_with_a_nominal"]
    if nominals or alongside:
        section.sentences.append(
            f"{plural(nominals, 'child', 'children')} at risk or harmed "
            f"{'is a gang nominal' if nominals == 1 else 'are gang nominals'} themselves; "
            f"{alongside} more named in a record alongside one."
        )
    else:
        section.sentences.append("No child at risk or harmed in the period is a gang nominal or named alongside one.")
    gangs = [r for r in rows if r["children_who_are_nominals"] or r["children_named_with_a_nominal"]]
    figure = Figure(
        "Children and gangs",
        "report_gang_overlap",
        period,
        ["gang", "children who are nominals", "children named with a nominal"],
        [[r["gang"], r["children_who_are_nominals"], r["children_named_with_a_nominal"]] for r in gangs],
    )
    if not gangs:
        figure.text = "No gang overlap recorded in this period."
    section.figures.append(figure)
    return section


def _hsb(ask: Ask, period: dict, before: dict, candidates: list[Highlight]) -> Section:
    rows = ask("report_hsb", period)
    previous = ask("report_hsb", before)
    cases = next((r["count"] for r in rows if r["dimension"] == "cases"), 0)
    was = next((r["count"] for r in previous if r["dimension"] == "cases"), 0)
    title = "Harmful sexual behaviour"
    section = Section(title)
    section.sentences.append(f"{plural(cases, 'HSB case')} opened, {change(cases, was, bool(previous))}.")
    candidates.append(_highlight("Harmful sexual behaviour cases opened", cases, was, bool(previous), title))
    for dimension, what, kind in (
        ("children", "children", "bars"),
        ("setting", "cases", "share"),
        ("aim level", "cases", "share"),
        ("outcome", "cases", "share"),
    ):
        picked = [(r["value"], r["count"]) for r in rows if r["dimension"] == dimension]
        if cases:
            section.figures.append(
                distribution(
                    f"HSB cases: {dimension}", "report_hsb", period, picked, dimension=dimension, what=what, kind=kind
                )
            )
    return section


def _quality(ask: Ask, period: dict, extra: dict[str, int]) -> Section:
    rows = ask("report_data_quality", period)
    section = Section("Data quality")
    table = [[r["measure"], r["value"]] for r in rows] + [[k, v] for k, v in extra.items()]
    section.sentences.append("What to bear in mind when reading the figures above.")
    section.figures.append(
        Figure(
            "Completeness and doubtful values",
            "report_data_quality",
            period,
            ["measure", "value"],
            table,
            note="Rows rejected at load and records past their review date come from the load "
            "reports and the retention policy (retention.toml).",
        )
    )
    return section
