// Name: analytics/projection_places
// Purpose: person-to-person ties through shared places, for network analytics. Places tied
//          to more than $max_place_people people (a station, a big school) are left out:
//          they say little about who knows whom.
// Parameters: $date_from, $date_to (date or null), $borough (string or null), $max_place_people (integer).
// Returns: a (person_id), b (person_id), places (integer).
MATCH (pl:Place)<-[np:NAMES_PLACE]-(r:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH pl, p, coalesce(np.date_seen, r.record_date) AS seen, r
WHERE ($date_from IS NULL OR seen >= $date_from)
  AND ($date_to IS NULL OR seen <= $date_to)
  AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
WITH pl, collect(DISTINCT p.person_id) AS people
WHERE 2 <= size(people) <= $max_place_people
UNWIND people AS a
UNWIND people AS b
WITH pl, a, b WHERE a < b
RETURN a, b, count(DISTINCT pl) AS places
