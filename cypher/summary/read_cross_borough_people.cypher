// name: read_cross_borough_people
// question: cross_borough_people, answered from the summary graph/summaries.py keeps (CrossBoroughFact nodes).
// param: min_boroughs: int = 2  At least this many boroughs (the summary holds people with two or more; fewer is answered live).
// param: role: string = null  Only people with this role in at least one record (optional), e.g. child_at_risk.
// returns: person_id, boroughs, agencies, roles, records (as cross_borough_people)
// limit: 1000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A fact is one (person, source, borough) of the person's records, so IN_SCOPE keeps exactly
// the facts of the records the reader may read; records add up, since a record has one source
// and one borough.
MATCH (p:Person)-[:SUMMARISED_IN]->(f:CrossBoroughFact)-[:IN_BOROUGH]->(b:Borough)
WHERE IN_SCOPE(f)
WITH p, collect(DISTINCT b.name) AS boroughs, collect(DISTINCT f.source) AS agencies,
     reduce(seen = [], rs IN collect(f.roles) | seen + [x IN rs WHERE NOT x IN seen]) AS roles, sum(f.records) AS records
WHERE size(boroughs) >= $min_boroughs AND ($role IS NULL OR $role IN roles)
RETURN p.person_id AS person_id, COLLECT { UNWIND boroughs AS x RETURN x ORDER BY x } AS boroughs,
       COLLECT { UNWIND agencies AS x RETURN x ORDER BY x } AS agencies, COLLECT { UNWIND roles AS x RETURN x ORDER BY x } AS roles, records
ORDER BY size(boroughs) DESC, records DESC, person_id
