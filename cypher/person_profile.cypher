// name: person_profile
// question: What does every agency hold on this person: each record, the role it gives them, when, where, with whom?
// param: person_id: string  The person's id (from search).
// returns: date, agency, source, record_id, role, claim, grading, name_as_recorded, dob_as_recorded, borough, places, others, doubts (one row per record, oldest first: a timeline; doubts lists each of this mention's values kept as recorded but doubtful, with the reason)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
MATCH (p:Person {person_id: $person_id})<-[:REFERS_TO]-(m:Mention)<-[said:MENTIONS]-(r:Record)-[:HELD_BY]->(a:Agency)
WHERE IN_SCOPE(r)
OPTIONAL MATCH (r)-[:IN_BOROUGH]->(b:Borough)
CALL (r) {
  OPTIONAL MATCH (r)-[:NAMES_PLACE]->(pl:Place)
  RETURN collect(DISTINCT pl.name + ' (' + pl.place_type + ')') AS places
}
CALL (r, p) {
  OPTIONAL MATCH (r)-[other:MENTIONS]->(:Mention)-[:REFERS_TO]->(o:Person)
  WHERE o <> p
  RETURN collect(DISTINCT o.person_id + ': ' + other.role) AS others
}
RETURN r.record_date AS date, a.name AS agency, r.source AS source, r.source_id AS record_id,
       CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END AS role,
       said.claim AS claim, said.grading AS grading,
       m.name AS name_as_recorded, m.dob AS dob_as_recorded, b.name AS borough, places, others,
       [d IN coalesce(m.doubts, []) |
        CASE WHEN m[split(d, ': ')[0] + '_as_recorded'] IS NULL THEN d
             ELSE d + ' (recorded as "' + m[split(d, ': ')[0] + '_as_recorded'] + '")' END] AS doubts
ORDER BY date, record_id
