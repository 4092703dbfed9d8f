// name: person_cards
// question: How should these people be labelled on a graph: the name most agencies used, date of birth, roles and agencies?
// param: person_ids: list[string]  The people to describe.
// returns: person_id, name (the most often recorded), names, dob (the most often recorded), roles (gang_nominal only from active matrix entries; removed_from_matrix otherwise), agencies, records, gangs (active entries only), boroughs
// limit: 5000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
UNWIND $person_ids AS id
MATCH (p:Person {person_id: id})
CALL (p) {
  MATCH (p)<-[:REFERS_TO]-(m:Mention)<-[said:MENTIONS]-(r:Record)-[:HELD_BY]->(a:Agency)
  WHERE IN_SCOPE(r)
  OPTIONAL MATCH (r)-[:IN_BOROUGH]->(b:Borough)
  // A matrix entry marked removed no longer presents the person as a nominal.
  OPTIONAL MATCH (r:MatrixEntry {status: 'active'})-[:NAMES_GANG]->(g:Gang) WHERE said.role = 'gang_nominal'
  WITH m, r, a, b, g,
       CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END AS role
  RETURN collect(m.name) AS all_names, collect(m.dob) AS all_dobs, collect(DISTINCT role) AS roles,
         collect(DISTINCT a.name) AS agencies, count(DISTINCT r) AS records, collect(DISTINCT g.name) AS gangs,
         collect(DISTINCT b.name) AS boroughs
}
CALL (all_names) {
  UNWIND all_names AS n
  WITH n, count(*) AS times ORDER BY times DESC, n
  RETURN collect(n) AS names
}
CALL (all_dobs) {
  UNWIND all_dobs AS d
  WITH d, count(*) AS times ORDER BY times DESC, d
  RETURN collect(d)[0] AS dob
}
RETURN p.person_id AS person_id, coalesce(names[0], 'not named') AS name, names, dob, roles, agencies, records,
       gangs, boroughs
