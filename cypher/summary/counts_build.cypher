// Name: summary/counts_build
// Purpose: the governance and overview counts, rebuilt whole (they are a few hundred rows
//          and a change anywhere can move them): GovernanceCount per (source, role, borough,
//          ethnicity) with its distinct people, BoroughCount per (borough, source) with its
//          records, SourceCount per (agency, source, borough) with its records and distinct people,
//          SourceTotal per (agency, source) with all London's (distinct people do not add up over
//          boroughs, so London's are counted whole), CategoryCount per (borough, source, CSE
//          category) with its referrals (overview_cse_categories over all time; a period is
//          counted live). Each but SourceTotal hangs off its Borough by
//          IN_BOROUGH and carries its source, so need to know's IN_SCOPE filters it as it filters a
//          record of that source and borough (SourceCount keeps the borough's name too, as a record
//          does: migration 026); SourceTotal, tied to no borough, passes only for a reader of every
//          borough (a reader of several is answered from their boroughs' SourceCounts:
//          summary/read_overview_by_source).
// Parameters: none.
// Returns: governance, borough_counts, source_counts, source_totals, categories (integers: rows written).
CALL () { MATCH (c:GovernanceCount|BoroughCount|SourceCount|SourceTotal|CategoryCount) DETACH DELETE c }
CALL () {
  MATCH (r:Record)-[said:MENTIONS]->(m:Mention)-[:REFERS_TO]->(p:Person)
  MATCH (r)-[:IN_BOROUGH]->(b:Borough)
  WITH r.source AS source, said.role AS role, b, coalesce(m.ethnicity, 'not recorded') AS ethnicity, count(DISTINCT p) AS people
  CREATE (c:GovernanceCount {source: source, role: role, ethnicity: ethnicity, people: people})-[:IN_BOROUGH]->(b)
  RETURN count(c) AS governance
}
CALL () {
  MATCH (b:Borough)<-[:IN_BOROUGH]-(r:Record)
  WITH b, r.source AS source, count(r) AS records
  CREATE (c:BoroughCount {source: source, records: records})-[:IN_BOROUGH]->(b)
  RETURN count(c) AS borough_counts
}
// overview_cse_categories' counts, as it counts: each referral tied to a borough, by its category
// (a referral with none recorded is a group of its own, as live: the property is then left unset).
CALL () {
  MATCH (b:Borough)<-[:IN_BOROUGH]-(r:Referral)
  WITH b, r.source AS source, r.cse_category AS cse_category, count(r) AS referrals
  CREATE (c:CategoryCount {source: source, cse_category: cse_category, referrals: referrals})-[:IN_BOROUGH]->(b)
  RETURN count(c) AS categories
}
// overview_by_source's counts, as it counts: records held by an agency and in a borough, and the
// people their mentions refer to; per borough, then all London's from the same read (the borough's
// records and people kept as lists, made distinct again over boroughs: people do not add up).
CALL () {
  MATCH (a:Agency)<-[:HELD_BY]-(r:Record)-[:IN_BOROUGH]->(b:Borough)
  OPTIONAL MATCH (r)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
  WITH a.name AS agency, r.source AS source, b, collect(DISTINCT r) AS records, collect(DISTINCT p) AS people
  CREATE (c:SourceCount {agency: agency, source: source, borough: b.name, records: size(records), people: size(people)})-[:IN_BOROUGH]->(b)
  WITH agency, source, collect(records) AS records, collect(people) AS people, count(c) AS written
  CREATE (t:SourceTotal {agency: agency, source: source,
                         records: size(COLLECT { UNWIND records AS rs UNWIND rs AS r RETURN DISTINCT r }),
                         people: size(COLLECT { UNWIND people AS ps UNWIND ps AS p RETURN DISTINCT p })})
  RETURN sum(written) AS source_counts, count(t) AS source_totals
}
RETURN governance, borough_counts, source_counts, source_totals, categories
