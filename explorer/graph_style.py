"""One visual language for every graph in the explorer.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies) and
every category also has its own shape, so nothing depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_loader.models.vocab import CHILD_ROLES, HARMING_ROLES, Role


@dataclass(frozen=True)
class Style:
    label: str
    colour: str
    shape: str  # vis-network shape
    svg: str  # the same shape in the SVG export: circle, triangle, diamond, square, star, box


CATEGORIES: dict[str, Style] = {
    "child": Style("Child at risk or harmed", "#0072B2", "dot", "circle"),
    "both": Style("Harmed in one record, named as harming in another", "#CC79A7", "star", "star"),
    "suspect": Style("Suspected perpetrator", "#D55E00", "triangle", "triangle"),
    "hsb": Style("Child displaying harmful sexual behaviour", "#F0E442", "square", "square"),
    "nominal": Style("Gang nominal", "#E69F00", "diamond", "diamond"),
    "other": Style("Associate, partner, family or professional", "#999999", "dot", "circle"),
    "place": Style("Place", "#009E73", "box", "box"),
    "more": Style("More not shown (filter to see them)", "#FFFFFF", "ellipse", "box"),
}

EDGE_SOLID = "recorded fact"
EDGE_DASHED = "allegation or intelligence"


def category(roles: set[str] | list[str]) -> str:
    """The category a person is drawn in, from every role any record gives them.

    A child harmed in one record and named as harming in another is drawn as both, never
    folded into one or the other.
    """
    roles = set(roles)  # role names from the graph: a StrEnum member equals (and hashes as) its value
    harmed, harming = bool(roles & set(CHILD_ROLES)), bool(roles & set(HARMING_ROLES))
    if harmed and harming:
        return "both"
    if Role.suspected_perpetrator in roles:
        return "suspect"
    if Role.child_displaying_hsb in roles:
        return "hsb"
    if harmed:
        return "child"
    if Role.gang_nominal in roles:
        return "nominal"
    return "other"


def is_dashed(claims: set[str]) -> bool:
    """An edge is dashed unless at least one record states it as a recorded fact."""
    return "recorded_fact" not in claims
