"""Governance of what the graph holds: erasure across the graph and everything kept beside it.

Above the loader and the investigations (an erasure removes records, the people only they
named, the summaries' share of them and the investigations' copies in one step), below the
command line that asks for it.
"""
