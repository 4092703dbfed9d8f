// name: person_search
// question: Who is this? Find people by name, alias or street name (spelling need not be exact), date of birth, or an agency's record id.
// param: text: string = null  Name, alias or street name; each word may be misspelt by a letter or two.
// param: dob: date = null  Date of birth as any agency recorded it.
// param: record_id: string = null  A referral id, nominal id or HSB case id.
// returns: person_id, names (as recorded), dobs, agencies, roles, records, score (search relevance; 1.0 for exact matches)
// limit: 50
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Words are reduced to letters and digits inside Cypher before they reach Lucene, so no
// user text can change the search syntax; words of four letters or more match fuzzily.
// A nominal whose matrix entry is no longer active is presented as removed_from_matrix, never as a gang nominal.
CALL () {
  WITH [w IN split(toLower(coalesce($text, '')), ' ')
        | reduce(s = '', c IN split(w, '') | s + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c ELSE '' END)] AS words
  WITH [w IN words WHERE w <> '' | CASE WHEN size(w) >= 4 THEN w + '~' ELSE w END] AS terms
  WHERE size(terms) > 0
  CALL db.index.fulltext.queryNodes('mention_names',
         reduce(q = '', t IN terms | CASE q WHEN '' THEN t ELSE q + ' AND ' + t END), {limit: 500})
    YIELD node, score
  RETURN node AS m, score
  UNION
  MATCH (m:Mention)
  WHERE $text IS NULL AND $dob IS NOT NULL AND m.dob = $dob
  RETURN m, 1.0 AS score
  UNION
  UNWIND $record_key_prefixes AS prefix
  MATCH (r:Record {record_key: prefix + $record_id})-[:MENTIONS]->(m:Mention)
  WHERE $text IS NULL AND $dob IS NULL AND IN_SCOPE(r)
  RETURN m, 1.0 AS score
}
WITH m, score
WHERE ($dob IS NULL OR m.dob = $dob)
  AND EXISTS { (vr:Record)-[:MENTIONS]->(m) WHERE IN_SCOPE(vr) }
  AND ($record_id IS NULL OR EXISTS { (r:Record)-[:MENTIONS]->(m) WHERE r.source_id = $record_id AND IN_SCOPE(r) })
MATCH (m)-[:REFERS_TO]->(p:Person)
WITH p, max(score) AS score
ORDER BY score DESC, p.person_id
LIMIT 50
CALL (p) {
  MATCH (p)<-[:REFERS_TO]-(mm:Mention)<-[said:MENTIONS]-(r:Record)-[:HELD_BY]->(a:Agency)
  WHERE IN_SCOPE(r)
  RETURN collect(DISTINCT mm.name) AS names, collect(DISTINCT mm.dob) AS dobs, collect(DISTINCT a.name) AS agencies,
         collect(DISTINCT CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END) AS roles, count(DISTINCT r) AS records
}
RETURN p.person_id AS person_id, [n IN names WHERE n IS NOT NULL] AS names, dobs, agencies, roles, records,
       round(score, 3) AS score
ORDER BY score DESC, records DESC, person_id
