"""Brokers with a score: how much of a peer group's reach to other groups runs through one person.

A group *reaches* another group when the ties between them weigh at least `MIN_LINK_WEIGHT`
(one chance tie between two groups is not reach). A member's *broker score* is their share of
the weight of their group's ties to the groups it reaches (0 to 1). A member is called a
broker only when the score is at least `MIN_SHARE` and their own ties into one reached group
weigh at least `MIN_OWN_WEIGHT`: a young person through whom the group reaches another,
not one with a stray tie. A group whose ties out are scattered, one here and one there, has
no broker. Computed in numpy from the ties as arrays: the same cost at 500 people or 500,000.
"""

from __future__ import annotations

import numpy as np

MIN_LINK_WEIGHT = 2.0  # ties between two groups weighing this much mean one group reaches the other
MIN_SHARE = 0.3  # a broker carries at least this share of their group's reach
MIN_OWN_WEIGHT = 2.0  # and is tied into one reached group with at least this weight


def scores(
    labels: np.ndarray, sources: np.ndarray, targets: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every person's broker score, and their heaviest tie weight into one group their group reaches."""
    n = len(labels)
    score, own = np.zeros(n), np.zeros(n)
    leaving = labels[sources] != labels[targets]
    if not leaving.any():
        return score, own
    person = np.concatenate([sources[leaving], targets[leaving]])  # each tie out, seen from both ends
    reached = labels[np.concatenate([targets[leaving], sources[leaving]])]
    weight = np.concatenate([weights[leaving], weights[leaving]])
    width = np.int64(labels.max()) + 1
    # weight of each person's ties into each other group
    pairs, inverse = np.unique(person * width + reached, return_inverse=True)
    person_weight = np.bincount(inverse, weight)
    who, into = pairs // width, pairs % width
    # weight between each pair of groups, and which pairs are reach
    _links, link_of = np.unique(labels[who] * width + into, return_inverse=True)
    strong = (np.bincount(link_of, person_weight) >= MIN_LINK_WEIGHT)[link_of]
    reach = np.bincount(who[strong], person_weight[strong], minlength=n)
    group_reach = np.bincount(labels, reach)
    np.maximum.at(own, who[strong], person_weight[strong])
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(group_reach[labels] > 0, reach / group_reach[labels], 0.0)
    return score, own


def brokers(labels: np.ndarray, sources, targets, weights, grouped: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the brokers among people in a peer group (`grouped`), and everyone's score."""
    score, own = scores(labels, sources, targets, weights)
    return np.flatnonzero(grouped & (score >= MIN_SHARE) & (own >= MIN_OWN_WEIGHT)), score
