// Name: bench/overlap_snapshot
// Purpose: benchmark only: the gang overlap summary as it stands, one row per fact and per way
//          (lists sorted), to compare the summary kept incrementally with one built whole.
// Parameters: none.
// Returns: line (list of values).
CALL () {
  MATCH (p:Person)-[:SUMMARISED_IN]->(f:GangOverlapFact)
  OPTIONAL MATCH (f)-[:IN_BOROUGH]->(b:Borough)
  RETURN [p.person_id, f.source, b.name, f.roles, f.steps, f.nominal_of, f.harmed_nominal, f.nearest_nominal,
          f.nearest_gangs, f.lead, f.borough_lead, f.all_roles, f.borough_roles,
          COLLECT { UNWIND f.depends AS k RETURN k ORDER BY k }] AS line
  UNION ALL
  MATCH (p:Person)-[:SUMMARISED_IN]->(w:GangReach)
  RETURN [p.person_id, w.steps, w.nominal, COLLECT { UNWIND w.via AS k RETURN k ORDER BY k },
          COLLECT { UNWIND coalesce(w.next, []) AS k RETURN k ORDER BY k }] AS line
}
RETURN line
