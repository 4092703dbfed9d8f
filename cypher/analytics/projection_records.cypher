// Name: analytics/projection_records
// Purpose: person-to-person ties for network analytics: pairs of people a record ties together,
//          with how many records tie them, filtered by period and borough. A record ties its
//          subject (the referred child, the nominal, the children in an HSB case) to everyone it
//          names; two people named only as, say, a child's associates are not tied to each other
//          by that record, since roles are stated towards the subject.
// Parameters: $date_from (date or null), $date_to (date or null), $borough (string or null),
//             $subject_roles (list of string: the roles that make a mention a record's subject).
// Returns: a (person_id), b (person_id), records (integer), agencies (list of string).
MATCH (a:Person)<-[:REFERS_TO]-(:Mention)<-[sa:MENTIONS]-(r:Record)-[sb:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
WHERE a.person_id < b.person_id
  AND (sa.role IN $subject_roles OR sb.role IN $subject_roles)
  AND ($date_from IS NULL OR r.record_date >= $date_from)
  AND ($date_to IS NULL OR r.record_date <= $date_to)
  AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
RETURN a.person_id AS a, b.person_id AS b, count(DISTINCT r) AS records, collect(DISTINCT r.source) AS agencies
