"""How peer groups changed between two periods: what an analyst reads to see a group form, grow or split.

Each group of the later period is compared with the groups of the earlier one by the people
they share. A move of one person is not a split or a merge: those need two members or more
on each side. Plain text, naming the earlier groups, for the Peer groups page's table.
"""

from __future__ import annotations

from collections.abc import Mapping

SPLIT_OR_MERGE_MEMBERS = 2  # members that must move together to call it a split or a merge


def changes(later: Mapping[str, set[str]], earlier: Mapping[str, set[str]]) -> dict[str, str]:
    """For each later group id: new, the same, grew, shrank, changed, split from or merged from earlier groups."""
    group_of = {person: group for group, members in earlier.items() for person in members}
    # how many of each earlier group's members each later group holds
    shared = {later_id: _count(group_of[p] for p in members if p in group_of) for later_id, members in later.items()}
    pieces: dict[str, int] = {}  # earlier group -> later groups holding two or more of its members
    for counts in shared.values():
        for earlier_id, count in counts.items():
            if count >= SPLIT_OR_MERGE_MEMBERS:
                pieces[earlier_id] = pieces.get(earlier_id, 0) + 1
    out = {}
    for later_id, members in later.items():
        counts = shared[later_id]
        if not counts:
            out[later_id] = "new: formed this period"
            continue
        main = max(counts, key=lambda e: (counts[e], e))
        merged = sorted(e for e, n in counts.items() if n >= SPLIT_OR_MERGE_MEMBERS)
        before = earlier[main]
        if pieces.get(main, 0) >= 2:
            out[later_id] = f"split from {main}"
        elif len(merged) >= 2:
            out[later_id] = "merged from " + ", ".join(merged)
        elif members == before:
            out[later_id] = f"the same as {main}"
        elif members > before:
            out[later_id] = f"grew from {main} (+{len(members - before)})"
        elif members < before:
            out[later_id] = f"shrank from {main} (-{len(before - members)})"
        else:
            out[later_id] = f"changed from {main} (+{len(members - before)}, -{len(before - members)})"
    return out


def _count(groups) -> dict[str, int]:
    counted: dict[str, int] = {}
    for group in groups:
        counted[group] = counted.get(group, 0) + 1
    return counted
