// name: investigation_records
// question: What is known now about each person of an investigation: every record naming them, the role it gives them, its CSE category?
// param: person_ids: list[string]  The people of the investigation.
// returns: person_id, record_key, source, agency, date, role (removed_from_matrix for a matrix entry no longer active), cse_category (MASH referrals; null otherwise), one row per person and record
// limit: 20000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Read on save (the snapshot) and on reopen (what changed since); a person with no row is
// outside the reader's scope, or gone.
UNWIND $person_ids AS id
MATCH (p:Person {person_id: id})<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r:Record)-[:HELD_BY]->(agency:Agency)
WHERE IN_SCOPE(r)
RETURN DISTINCT p.person_id AS person_id, r.record_key AS record_key, r.source AS source, agency.name AS agency,
       r.record_date AS date,
       CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END AS role,
       r.cse_category AS cse_category
ORDER BY person_id, record_key, role
