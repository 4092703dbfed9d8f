// name: report_gang_overlap
// question: Of the children at risk or harmed in a borough's records in a period, how many are gang nominals themselves, or named in a record alongside one, and on which gangs?
// param: borough: string  The borough holding the records.
// param: date_from: date  First day of the period.
// param: date_to: date  Last day of the period.
// returns: gang (or "any gang"), children_who_are_nominals, children_named_with_a_nominal
// limit: 200
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// The period's records of the borough only, one seek of the (borough, record_date) index (migration 011): from
// the borough it read its whole history to keep the period, from record_date all London's period (issue #22).
MATCH (r:Record)
USING INDEX r:Record(borough, record_date)
WHERE r.borough = $borough AND r.record_date >= $date_from AND r.record_date <= $date_to
  AND (r:Referral OR r:HsbCase) AND IN_SCOPE(r)
MATCH (r)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(c:Person)
WHERE said.role IN $child_roles
WITH DISTINCT c
// Matrix facts count only for a reader whose agreement includes the gangs matrix and the
// entry's borough, and only while the entry is active: a removed nominal is not a nominal.
// Each child's own entries and those of the people named with them, each in a subquery of its own: as two
// OPTIONAL MATCHes the planner looked up the child's own entries once per entry near them (issue #22).
// A matrix entry's mentions are the matrix's (a mention keeps its record's source): kept by that before
// each is walked back to its record, where every mention of every person near the child was (issue #22).
// A reader who may not read the matrix has no entry to count: nothing is walked for them (each child's
// neighbourhood was, to be filtered out entry by entry at the end; a MASH reader's report at L, p95 160 ms).
// (With no row left, the collect still gives one row, empty.)
CALL (c) {
  WITH c WHERE SOURCE_IN_SCOPE(matrix)
  OPTIONAL MATCH (c)<-[:REFERS_TO]-(:Mention {source: 'matrix'})<-[:MENTIONS {role: 'gang_nominal'}]-(own:MatrixEntry {status: 'active'})
  WHERE IN_SCOPE(own)
  RETURN collect(DISTINCT own) AS own_entries
}
CALL (c) {
  WITH c WHERE SOURCE_IN_SCOPE(matrix)
  OPTIONAL MATCH (c)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(x:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(n:Person)
                 <-[:REFERS_TO]-(:Mention {source: 'matrix'})<-[:MENTIONS {role: 'gang_nominal'}]-(near:MatrixEntry {status: 'active'})
  WHERE n <> c AND IN_SCOPE(near) AND IN_SCOPE(x)
  RETURN collect(DISTINCT near) AS near_entries
}
WITH c, own_entries, near_entries
WITH c, [e IN own_entries | e.gangs] AS own_gangs, [e IN near_entries | e.gangs] AS near_gangs,
     size(own_entries) > 0 AS is_nominal, size(near_entries) > 0 AS near_nominal
UNWIND ['any gang'] + reduce(all = [], g IN own_gangs + near_gangs | all + coalesce(g, [])) AS gang
WITH DISTINCT c, gang, is_nominal, near_nominal, own_gangs, near_gangs
WITH gang,
     count(DISTINCT CASE WHEN is_nominal AND (gang = 'any gang' OR any(g IN own_gangs WHERE gang IN g)) THEN c END) AS nominals,
     count(DISTINCT CASE WHEN near_nominal AND NOT is_nominal AND (gang = 'any gang' OR any(g IN near_gangs WHERE gang IN g)) THEN c END) AS named_with
WHERE nominals + named_with > 0 OR gang = 'any gang'
RETURN gang, nominals AS children_who_are_nominals, named_with AS children_named_with_a_nominal
ORDER BY gang = 'any gang' DESC, nominals + named_with DESC, gang
