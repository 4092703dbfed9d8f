// Name: bench/overlap_children
// Purpose: benchmark only: children at risk named in MASH referrals (name, date of birth), to
//          name again in a small load beside a new suspect who is a gang nominal.
// Parameters: $n (integer).
// Returns: name, dob, seen (strings: the date of birth, the latest referral's date), id (person_id).
MATCH (r:Referral)-[:MENTIONS {role: 'child_at_risk'}]->(m:Mention)-[:REFERS_TO]->(p:Person)
WHERE m.dob IS NOT NULL AND m.name IS NOT NULL
WITH p, min(m.name) AS name, min(m.dob) AS dob, max(r.record_date) AS seen
RETURN name, toString(dob) AS dob, toString(seen) AS seen, p.person_id AS id
ORDER BY id
LIMIT $n
