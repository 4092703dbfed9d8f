"""Readable words for the codes of the common dataset (graph_loader/models/vocab.py), so no
report prints a raw code ("nfa", "hotel_or_bnb"). The wording follows the data dictionary's
descriptions of each field; tests/test_report_layout.py checks every enum value has one."""

from __future__ import annotations

from graph_loader.models import vocab

# Only the codes whose plain reading is not already good English; the rest read as themselves
# with underscores turned into spaces.
WORDS: dict[str, str] = {
    # CseCategory (Met CSE category)
    "none": "no CSE category",
    "1": "category 1 (targeted or groomed)",
    "2": "category 2 (opportunistic)",
    "3": "category 3 (habitual exploitation)",
    # ConcernType
    "cse": "child sexual exploitation",
    "hsb": "harmful sexual behaviour",
    "gangs": "gangs and serious youth violence",
    "online": "online harm",
    # Gender
    "non_binary": "non-binary",
    "not_known": "not known",
    # roles
    "child_at_risk": "child at risk",
    "child_harmed": "child harmed",
    "child_displaying_hsb": "child displaying harmful sexual behaviour",
    "displaying_hsb": "displaying harmful sexual behaviour",
    "suspected_perpetrator": "suspected perpetrator",
    "gang_nominal": "gangs matrix nominal",
    # ReferringAgency
    "childrens_social_care": "children's social care",
    "voluntary_sector": "voluntary sector",
    # PlaceType
    "hotel_or_bnb": "hotel or B&B",
    "licensed_premises": "licensed premises",
    "taxi_or_minicab_firm": "taxi or minicab firm",
    "childrens_home": "children's home",
    "transport_hub": "transport hub",
    "private_address": "private address",
    "trap_house": "trap house (drug supply address)",
    "online_platform": "online platform",
    # ClaimKind
    "recorded_fact": "recorded fact",
    # HsbSetting
    "public_place": "public place",
    # AimLevel
    "low": "low concern (AIM)",
    "medium": "medium concern (AIM)",
    "high": "high concern (AIM)",
    "not_assessed": "not assessed (AIM)",
    # HsbOutcome
    "nfa": "no further action",
    "referred_to_police": "referred to the police",
    # action statuses and kinds (casework) read as words once underscores go
}

# Bands and values the report queries make (not codes of the dataset, but shown the same way).
QUERY_WORDS = {
    "missing episodes": {
        "none": "no missing episodes",
        "1 to 2": "1 to 2 episodes",
        "3 to 5": "3 to 5 episodes",
        "6 or more": "6 or more episodes",
    },
    "looked after": {"yes": "looked after", "no": "not looked after"},
    "peer-on-peer": {
        "yes": "within three years (peer-on-peer)",
        "no": "more than three years apart",
        "not known": "ages not both recorded",
    },
}


def word(code: object, dimension: str | None = None) -> str:
    """The readable form of a code; anything else as it is (a borough, a gang's name)."""
    if code is None:
        return "not recorded"
    text = str(code)
    if dimension and text in QUERY_WORDS.get(dimension, {}):
        return QUERY_WORDS[dimension][text]
    if text in WORDS:
        return WORDS[text]
    return text.replace("_", " ") if _is_code(text) else text


def _is_code(text: str) -> bool:
    return text in _ALL_CODES


def vocabulary() -> dict[str, set[str]]:
    """Every enum of the common dataset and its codes."""
    out = {}
    for name in dir(vocab):
        kind = getattr(vocab, name)
        if isinstance(kind, type) and issubclass(kind, vocab.StrEnum) and kind is not vocab.StrEnum:
            out[name] = {m.value for m in kind}
    return out


def raw_codes() -> set[str]:
    """Codes that must never be printed as they are: those whose readable form is not the code
    itself or the code with words added ("high" -> "high concern (AIM)" reads fine as "high"),
    numbers aside ("3" is part of ordinary sentences)."""
    return {c for codes in vocabulary().values() for c in codes if not c.isdigit() and not word(c).startswith(c)}


_ALL_CODES = {c for codes in vocabulary().values() for c in codes}
