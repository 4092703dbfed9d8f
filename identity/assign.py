"""Step 5: which person each cluster of mentions refers to, keeping person ids stable.

Clusters are served largest first; each takes the lowest person id its mentions already
refer to that no other cluster has taken, or a new one. So a cluster that an analyst's
rejection or split has cut off gets a person of its own instead of sharing the old one,
and nothing moves that does not have to.
"""

from __future__ import annotations

from graph_loader.resolve_exact import person_id_for


def assign(clusters: list[set[str]], current: dict[str, str | None]) -> list[dict]:
    """Links {mention_key, person_id} for the mentions whose person changes."""
    taken: set[str] = set()
    links = []
    for cluster in sorted(clusters, key=lambda c: (-len(c), min(c))):
        held = sorted({current[k] for k in cluster if current.get(k)} - taken)
        person_id = held[0] if held else fresh_person_id(min(cluster), taken, set(current.values()))
        taken.add(person_id)
        links += [{"mention_key": k, "person_id": person_id} for k in sorted(cluster) if current.get(k) != person_id]
    return links


def fresh_person_id(seed: str, taken: set[str], in_use: set[str | None]) -> str:
    """A person id derived from a mention key, salted until no other person has it."""
    person_id, salt = person_id_for(seed), 0
    while person_id in taken or person_id in in_use:
        salt += 1
        person_id = person_id_for(f"{seed}#{salt}")
    return person_id
