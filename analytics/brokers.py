"""Brokers with a score: how much of a peer group's reach to other groups runs through one person.

A group *reaches* another group when the ties between them rest on at least `MIN_RECORDS`
records (a shared place counts half): one chance record between two groups is not reach. A
member's *broker score* is their share of the *weight* of their group's ties to the groups it
reaches (0 to 1), so a recorded fact carries more than graded intelligence and a recent record
more than an old one. A member is called a broker only when the score is at least `MIN_SHARE`
and their own ties into one reached group rest on at least `MIN_RECORDS` records too: a young
person through whom the group reaches another, not one with a stray tie. A group whose ties
out are scattered, one here and one there, has no broker. The thresholds count evidence
(records) and the score weighs it, so neither depends on the scale of a tie rule's weights.
Computed in numpy from the ties as arrays: the same cost at 500 people or 500,000.
"""

from __future__ import annotations

import numpy as np

MIN_RECORDS = 2.0  # ties between two groups resting on this many records mean one group reaches the other
MIN_SHARE = 0.3  # a broker carries at least this share of their group's reach


def scores(
    labels: np.ndarray,
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray,
    evidence: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Every person's broker score (by `weights`), and the most records (`evidence`, by default the
    weights) their ties into one group their group reaches rest on."""
    evidence = weights if evidence is None else evidence
    n = len(labels)
    score, own = np.zeros(n), np.zeros(n)
    leaving = labels[sources] != labels[targets]
    if not leaving.any():
        return score, own
    person = np.concatenate([sources[leaving], targets[leaving]])  # each tie out, seen from both ends
    reached = labels[np.concatenate([targets[leaving], sources[leaving]])]
    weight = np.concatenate([weights[leaving], weights[leaving]])
    records = np.concatenate([evidence[leaving], evidence[leaving]])
    width = np.int64(labels.max()) + 1
    # weight (and records) of each person's ties into each other group
    pairs, inverse = np.unique(person * width + reached, return_inverse=True)
    person_weight, person_records = np.bincount(inverse, weight), np.bincount(inverse, records)
    who, into = pairs // width, pairs % width
    # records between each pair of groups, and which pairs are reach
    _links, link_of = np.unique(labels[who] * width + into, return_inverse=True)
    strong = (np.bincount(link_of, person_records) >= MIN_RECORDS)[link_of]
    reach = np.bincount(who[strong], person_weight[strong], minlength=n)
    group_reach = np.bincount(labels, reach)
    np.maximum.at(own, who[strong], person_records[strong])
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(group_reach[labels] > 0, reach / group_reach[labels], 0.0)
    return score, own


def brokers(
    labels: np.ndarray, sources, targets, weights, grouped: np.ndarray, evidence: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the brokers among people in a peer group (`grouped`), and everyone's score."""
    score, own = scores(labels, sources, targets, weights, evidence)
    return np.flatnonzero(grouped & (score >= MIN_SHARE) & (own >= MIN_RECORDS)), score
