// Name: casework/add_safety
// Purpose: safety mapping: record a protective adult (a person already known, or one described
//          in words) or a safe place for a child, as a relationship of its own kind that says
//          who recorded it, when and why.
// Parameters: $person_id (the child), $kind ('protective_adult' | 'safe_place'), $target_key
//             (person_id for a known adult, place_key for a place, or null), $description
//             (words for an adult not in the graph, or null), $entry (map: entry_id,
//             recorded_by, recorded_at, note, purpose).
// Returns: entry_id (no row when the child or the target does not exist).
MATCH (child:Person {person_id: $person_id})
OPTIONAL MATCH (adult:Person {person_id: $target_key}) WHERE $kind = 'protective_adult' AND $description IS NULL
OPTIONAL MATCH (pl:Place {place_key: $target_key}) WHERE $kind = 'safe_place'
CALL (child, adult, pl) {
  WITH child, adult, pl WHERE $kind = 'protective_adult' AND $description IS NOT NULL
  CREATE (c:SafetyContact {contact_id: $entry.entry_id, description: $description})
  CREATE (child)-[s:PROTECTIVE_ADULT]->(c)
  SET s = $entry, s.claim = 'recorded_fact'
  RETURN s
  UNION
  WITH child, adult, pl WHERE adult IS NOT NULL
  CREATE (child)-[s:PROTECTIVE_ADULT]->(adult)
  SET s = $entry, s.claim = 'recorded_fact'
  RETURN s
  UNION
  WITH child, adult, pl WHERE pl IS NOT NULL
  CREATE (child)-[s:SAFE_PLACE]->(pl)
  SET s = $entry, s.claim = 'recorded_fact'
  RETURN s
}
RETURN s.entry_id AS entry_id
