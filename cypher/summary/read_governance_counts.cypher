// name: read_governance_counts
// question: governance_counts, answered from the summary graph/summaries.py keeps (GovernanceCount nodes).
// returns: source, role, borough, ethnicity, people (as governance_counts)
// limit: 5000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Each count is of one source and one borough, so a reader sees exactly the counts of the
// records they may read.
MATCH (c:GovernanceCount)-[:IN_BOROUGH]->(b:Borough)
WHERE IN_SCOPE(c)
RETURN c.source AS source, c.role AS role, b.name AS borough, c.ethnicity AS ethnicity, c.people AS people
ORDER BY source, role, borough, ethnicity
