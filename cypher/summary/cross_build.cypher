// Name: summary/cross_build
// Purpose: the cross-borough people summary: for each person whose records are held by two
//          or more boroughs, one CrossBoroughFact per (source, borough) of their records: the
//          person's id, the roles recorded there (a removed nominal as removed_from_matrix, as the
//          live query says) and how many records. A fact has a source, and an IN_BOROUGH
//          relationship with its borough's name beside it (migration 026), as a record has, so need
//          to know's IN_SCOPE filters it exactly as it filters the records. The person's first fact (by borough, then source: `lead`) also
//          keeps the answer of a reader of every source and borough (boroughs, agencies,
//          all_roles, total, borough_count) and `rank`, a text that sorts as the live query orders
//          (more boroughs, then more records, then person id), read in order from its index.
//          With $all for every person, else for the people touched records mention.
// Parameters: $all (bool).
// Returns: nothing (runs in transactions of 1,000 people).
MATCH (p:Person)
WHERE $all OR EXISTS { (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:SummaryTouched) }
CALL (p) {
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r:Record)-[:IN_BOROUGH]->(b:Borough)
  WITH b, r.source AS source,
       collect(DISTINCT CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END) AS roles,
       collect(DISTINCT r) AS held
  // Roles in order, so the same records make the same facts however they were read; facts in
  // order (borough, then source), so the same fact leads.
  WITH b, source, roles, held ORDER BY b.name, source
  WITH collect({b: b, source: source, roles: COLLECT { UNWIND roles AS x RETURN x ORDER BY x }, records: size(held)}) AS facts,
       collect(DISTINCT b.name) AS boroughs, collect(DISTINCT source) AS agencies,
       reduce(seen = [], rs IN collect(roles) | seen + [x IN rs WHERE NOT x IN seen]) AS roles,
       reduce(seen = [], rs IN collect(held) | seen + [x IN rs WHERE NOT x IN seen]) AS held
  WHERE size(boroughs) >= 2
  WITH facts, COLLECT { UNWIND boroughs AS x RETURN x ORDER BY x } AS boroughs,
       COLLECT { UNWIND agencies AS x RETURN x ORDER BY x } AS agencies,
       COLLECT { UNWIND roles AS x RETURN x ORDER BY x } AS roles, size(held) AS total
  UNWIND range(0, size(facts) - 1) AS i
  WITH facts[i] AS fact, i, boroughs, agencies, roles, total
  WITH fact, fact.b AS b, i, boroughs, agencies, roles, total
  CREATE (p)-[:SUMMARISED_IN]->(f:CrossBoroughFact {person_id: p.person_id, source: fact.source, roles: fact.roles, records: fact.records,
                                                   borough: b.name})-[:IN_BOROUGH]->(b)
  FOREACH (lead IN CASE WHEN i = 0 THEN [f] ELSE [] END |
    SET lead.lead = true, lead.boroughs = boroughs, lead.agencies = agencies, lead.all_roles = roles, lead.total = total,
        lead.borough_count = size(boroughs),
        // Fixed widths, so text order is the live order: fewer missing boroughs, fewer missing records, id.
        lead.rank = right('0000' + toString(9999 - size(boroughs)), 4) + right('000000000000' + toString(999999999999 - total), 12)
                    + p.person_id)
} IN TRANSACTIONS OF 1000 ROWS
