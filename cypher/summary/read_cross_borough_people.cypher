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
// Grouped by the person id each fact keeps (no person is read), ordered on counts and ids only,
// and cut to one row past the catalogue's limit before any list is sorted.
// The catalogue sends this read readers of some boroughs (every borough has reads of its own:
// jigsaw/summary_answers.read_query), whose facts are all under their boroughs: sought by their
// boroughs' names (migration 026), not from every fact in London nor among the 20,000 nodes tied to
// each borough; and a reader of fewer boroughs than asked for sees nobody (a reader of one borough
// read every fact to find that out: 50 to 100 ms at L).
MATCH (b:Borough) WHERE BOROUGH_IN_SCOPE(b)
WITH collect(b.name) AS theirs WHERE size(theirs) >= $min_boroughs
MATCH (f:CrossBoroughFact)
WHERE f.borough IN theirs AND IN_SCOPE(f)
WITH f.person_id AS person_id, collect(DISTINCT f.borough) AS boroughs, collect(DISTINCT f.source) AS agencies,
     collect(f.roles) AS held_roles, sum(f.records) AS records
WHERE size(boroughs) >= $min_boroughs AND ($role IS NULL OR any(rs IN held_roles WHERE $role IN rs))
WITH person_id, boroughs, agencies, held_roles, records
ORDER BY size(boroughs) DESC, records DESC, person_id
LIMIT 1001
RETURN person_id, COLLECT { UNWIND boroughs AS x RETURN x ORDER BY x } AS boroughs,
       COLLECT { UNWIND agencies AS x RETURN x ORDER BY x } AS agencies,
       COLLECT { UNWIND held_roles AS rs UNWIND rs AS x RETURN DISTINCT x ORDER BY x } AS roles, records
ORDER BY size(boroughs) DESC, records DESC, person_id
