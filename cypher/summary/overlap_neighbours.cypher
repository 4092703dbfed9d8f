// Name: summary/overlap_neighbours
// Purpose: the people one step from these people: named in a record beside one of them. Gang
//          overlap's upkeep takes two such steps from where a change starts, since a way to a
//          nominal is at most two steps long.
// Parameters: $people (list of person ids).
// Returns: people (list of person ids: the given ones that exist, and their neighbours).
UNWIND $people AS id
MATCH (a:Person {person_id: id})
CALL (a) {
  MATCH (a)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(x)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
  RETURN collect(DISTINCT b.person_id) AS near
}
UNWIND [a.person_id] + near AS found
RETURN collect(DISTINCT found) AS people
