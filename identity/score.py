"""Step 4: turn comparison levels into evidence, and evidence into a decision.

Fellegi-Sunter weights: for each field level, log2(m / u), where m is how often true
matches show that level and u how often non-matches do. The values are set by hand from
how London agencies record children (documented in docs/identity.md) and are measured
against planted ground truth by `bench/identity`. Missing values add no evidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, partial

# (m, u) for every level of every comparison.
M_U: dict[str, dict[str, tuple[float, float]]] = {
    "given_name": {
        "exact": (0.85, 0.02),
        "nickname": (0.06, 0.004),
        "similar": (0.05, 0.01),
        "initial": (0.02, 0.06),
        "different": (0.02, 0.90),
    },
    "family_name": {
        "exact": (0.86, 0.01),
        "part": (0.05, 0.002),
        "similar": (0.05, 0.005),
        "sounds_alike": (0.02, 0.01),
        "different": (0.02, 0.97),
    },
    "date_of_birth": {
        "exact": (0.88, 0.0004),
        "day_month_swapped": (0.02, 0.00003),
        "one_digit": (0.04, 0.003),
        "transposed": (0.02, 0.0003),
        "adjacent_day": (0.02, 0.0008),
        "within_a_year": (0.01, 0.12),
        "different": (0.03, 0.88),
    },
    "alias_or_street_name": {"match": (0.30, 0.0005), "similar": (0.15, 0.001), "no_match": (0.55, 0.9985)},
    "postcode": {"exact": (0.45, 0.002), "same_district": (0.20, 0.04), "different": (0.35, 0.958)},
    "school": {"exact": (0.60, 0.02), "different": (0.40, 0.98)},
    "gender": {"exact": (0.97, 0.50), "different": (0.03, 0.50)},
    # The borough holding each record. m: one child's records share a borough 94 % of the time in the
    # generated London sets (true pairs, 20,000 rows, seed 11), set lower (children are known where they
    # go to school and where they are found as well as where they live); u: 32 boroughs of about equal
    # size give 0.034 (measured there), set higher. Both are measured again on every run and may only
    # lower the weights (estimate_m.py, frequency.py): a single borough's data makes "exact" say nothing.
    "borough": {"exact": (0.80, 0.04), "different": (0.20, 0.96)},
    # Person-level, added after the confident links (associates.py): any record of each side's person
    # names the same person. m: 48 % of the missed true pairs at 140,000 rows (seed 11); u: 0.2 %, above
    # the 0.03 % of namesakes in the same blocks and the 0.13 % of siblings and namesakes among the
    # doubts measured there, so that a measured u may only lower it. Never compared pair by pair.
    "associate": {"shared": (0.48, 0.002)},
}

AUTO_LINK = 14.0  # bits of evidence for an automatic link (with the guards below)
REVIEW = 4.5  # bits of evidence to put a pair before an analyst
# The thresholds above were measured on 14,128 mentions. Among N mentions a given pair is the
# same young person with a chance that falls as 1/N (each child has a few records, while the pairs
# grow as N squared): Splink's prior, lambda. So a larger population needs log2(N / CALIBRATED_AT)
# more bits for the same certainty; a smaller one is not given easier links.
# Mentions of `bench.identity --rows 20000 --noise medium` (seed 11) when they were set; today's
# generator makes 14,472 of that set, a prior of -0.03 bits.
CALIBRATED_AT = 14_128

GIVEN_AGREES = {"exact", "nickname", "similar"}
FAMILY_NEAR = {"part", "similar", "sounds_alike"}  # a surname that agrees, but not exactly
COMMON_ALIAS = -1.0  # an alias match adjusted below this (frequency.py) is a street name many people share
DOB_CONTRADICTS = {"different", "within_a_year"}
DOB_SLIPS = {"day_month_swapped", "one_digit", "transposed", "adjacent_day"}  # one keying error
# An exact full name at another postcode or school, with nothing to confirm it, links only when it is at
# least this many bits likelier to be one child than one of the other children carrying the name
# (namesake_odds, from frequency.NameFrequency.namesakes): 2^9, about 500 to 1, as the precision goal of
# 0.998 asks of every link. The other children are counted, so the guard bites as the population grows.
NAMESAKE_ODDS = 9.0


class Outcome(StrEnum):
    auto_link = "auto_link"
    review = "review"
    no_link = "no_link"


@cache  # a few dozen (field, level) pairs, asked for every pair compared
def weight(field: str, level: str) -> float:
    if level == "missing":
        return 0.0
    m, u = M_U[field][level]
    return math.log2(m / u)


def population_prior(mentions: int) -> float:
    """Bits a pair's evidence starts from among this many mentions (0, or below 0 above CALIBRATED_AT)."""
    return -round(math.log2(mentions / CALIBRATED_AT), 2) if mentions > CALIBRATED_AT else 0.0


@dataclass(frozen=True)
class Scored:
    levels: dict[str, str]
    weights: dict[str, float]
    total: float  # the weights' sum plus the population prior
    outcome: Outcome
    reason: str
    prior: float = 0.0  # population_prior of the mentions being linked (included in total)
    namesakes: float = 0.0  # other children expected to carry this exact name at this date level (frequency.py)


def with_level(scored: Scored, field: str, level: str, bits: float, contradictions: tuple[str, ...] = ()) -> Scored:
    """The same pair decided again with one more field of evidence (`bits` adjusting its weight), its
    other weights as they were (term frequency and measured u included)."""
    adjust = {f: scored.weights[f] - weight(f, lvl) for f, lvl in scored.levels.items()} | {field: bits}
    return decide(
        scored.levels | {field: level},
        adjust=adjust,
        contradictions=contradictions,
        prior=scored.prior,
        namesakes=scored.namesakes,
    )


def namesake_odds(levels: dict[str, str], weights: dict[str, float], namesakes: float) -> float:
    """Bits for one child against another child carrying the same exact name: how often one child's own
    records show this date level (m) against the namesakes expected at it, plus what the postcode, school,
    gender, street name and borough say (their weights, measured m, u and term frequency included).
    Infinite with no namesake expected."""
    if namesakes <= 0:
        return math.inf
    others = sum(weights.get(f, 0.0) for f in ("postcode", "school", "gender", "alias_or_street_name", "borough"))
    return math.log2(M_U["date_of_birth"][levels["date_of_birth"]][0] / namesakes) + others


def decide(
    levels: dict[str, str],
    *,
    adjust: dict[str, float] | None = None,
    contradictions: tuple[str, ...] = (),
    prior: float = 0.0,
    namesakes: float = 0.0,
) -> Scored:
    """Score a pair and choose an outcome. A wrong merge of two children costs more than a
    missed match: strong evidence alone is not enough for an automatic link when the given
    names disagree (twins share everything else) or the dates of birth contradict.

    `adjust` adds bits to a field's weight (a rare or common name: frequency.py);
    `contradictions` (contradict.py) veto an automatic link whatever the score; `prior`
    (population_prior) is where the evidence starts among the mentions being linked; `namesakes`
    (frequency.NameFrequency.namesakes) how many other children carrying an exact name shared by both
    records would show the same date level."""
    adjust = adjust or {}
    weights = {f: round(weight(f, lvl) + adjust.get(f, 0.0), 2) for f, lvl in levels.items()}
    total = round(sum(weights.values()) + prior, 2)
    scored = partial(Scored, prior=prior, namesakes=namesakes)
    if contradictions:
        if total < REVIEW:
            return scored(levels, weights, total, Outcome.no_link, "too little evidence")
        return scored(
            levels, weights, total, Outcome.review, "the records contradict each other: " + "; ".join(contradictions)
        )
    if total >= AUTO_LINK:
        # A street name many people share ("Zee") confirms nothing and stands in for no given name.
        alias_match = (
            levels["alias_or_street_name"] == "match" and adjust.get("alias_or_street_name", 0.0) > COMMON_ALIAS
        )
        # A person both sides' records name (associates.py) confirms as a postcode or school does.
        corroborated = (
            "exact" in (levels["postcode"], levels["school"]) or alias_match or levels.get("associate") == "shared"
        )
        # "J. Smith" is Jayden Smith when the date agrees, or nearly agrees and an address or school confirms it.
        initial_only_but_certain = (
            levels["given_name"] == "initial"
            and levels["family_name"] in {"exact", "part"}
            and (levels["date_of_birth"] == "exact" or (levels["date_of_birth"] in DOB_SLIPS and corroborated))
        )
        if levels["given_name"] not in GIVEN_AGREES and not alias_match and not initial_only_but_certain:
            return scored(
                levels,
                weights,
                total,
                Outcome.review,
                "strong evidence but the given names differ (twins or siblings?)",
            )
        if levels["date_of_birth"] in DOB_CONTRADICTS:
            return scored(levels, weights, total, Outcome.review, "strong evidence but the dates of birth contradict")
        if levels["family_name"] == "different" and not alias_match:
            return scored(
                levels,
                weights,
                total,
                Outcome.review,
                "strong evidence but the surnames differ (a sibling or a namesake?)",
            )
        # A one-slip date links on the names alone only when both names are exactly the same and no
        # address or school points elsewhere (Geoffrey and Jeffrey Brooks, a year apart, are two boys).
        # A swapped day and month is the same date read two ways, not another birthday.
        slip_in_doubt = (
            levels["given_name"] != "exact"
            or levels["family_name"] not in {"exact", "part"}
            or "different" in (levels["postcode"], levels["school"])
        )
        if levels["date_of_birth"] in DOB_SLIPS - {"day_month_swapped"} and not corroborated and slip_in_doubt:
            return scored(
                levels,
                weights,
                total,
                Outcome.review,
                "the dates of birth differ by one slip, and nothing else confirms it",
            )
        # Neither name exactly the same (Debra for Deborah, and Shah for Shaw or Alexander-Hilton for
        # Alexander): two near misses at once are how namesakes meet, more often the more people there
        # are (measured at 140,000 rows: 34 of 189 such links mixed two children). Something must confirm it.
        both_near = levels["given_name"] in GIVEN_AGREES - {"exact"} and levels["family_name"] in FAMILY_NEAR
        if both_near and not corroborated:
            return scored(
                levels, weights, total, Outcome.review, "neither name is exactly the same, and nothing else confirms it"
            )
        # A name not exactly the same (a nickname, a near or partial surname) with a postcode or school that
        # differs: at 300,000 rows (seed 11) all 38 such links with the birthday exact joined two children
        # (Katie and Kate Brannigan, born the same day, at two addresses): something must confirm it.
        near_name = levels["given_name"] != "exact" or levels["family_name"] != "exact"
        if near_name and "different" in (levels["postcode"], levels["school"]) and not corroborated:
            return scored(
                levels,
                weights,
                total,
                Outcome.review,
                "a name not exactly the same, and a postcode or school that differs",
            )
        # The same exact name at another postcode or school, nothing to confirm it: among many children
        # carrying a common name, one born on the same or a swapped date is likely (at a million rows, seed
        # 11, all 16 and all 21 such links had joined two children). A slip with nothing recorded against
        # it is left to the common-name slip (frequency.py): asking those costs more true links than it saves.
        differs = "different" in (levels["postcode"], levels["school"])
        if differs and not corroborated and namesake_odds(levels, weights, namesakes) < NAMESAKE_ODDS:
            return scored(
                levels,
                weights,
                total,
                Outcome.review,
                "the same name at another postcode or school, and other children carry the name",
            )
        names_agree = levels["given_name"] in GIVEN_AGREES and levels["family_name"] in {"exact", "part"}
        if levels["date_of_birth"] == "missing" and not names_agree:
            return scored(
                levels, weights, total, Outcome.review, "no date of birth on one side, and the names are not the same"
            )
        if levels["date_of_birth"] == "missing" and not corroborated:
            return scored(
                levels, weights, total, Outcome.review, "no date of birth on one side, and nothing else confirms it"
            )
        return scored(levels, weights, total, Outcome.auto_link, "strong evidence, nothing contradicts")
    if total >= REVIEW:
        return scored(levels, weights, total, Outcome.review, "some evidence: an analyst should decide")
    return scored(levels, weights, total, Outcome.no_link, "too little evidence")
