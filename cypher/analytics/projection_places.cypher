// Name: analytics/projection_places
// Purpose: the places that tie people together, for network analytics: one row per place with
//          the people seen there in the period (and borough). Places tied to more than
//          $max_place_people people (a station, a big school) are left out: they say little
//          about who knows whom. The pairs are formed by the caller (analytics/projection.py).
//          One row holds every place (fewer, larger messages are quicker to read).
// Parameters: $date_from, $date_to (date or null), $borough (string or null), $max_place_people (integer).
// Returns: one row: people (per place, a list of 2 to $max_place_people distinct person_id).
MATCH (pl:Place)<-[np:NAMES_PLACE]-(r:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH pl, p, coalesce(np.date_seen, r.record_date) AS seen, r
WHERE ($date_from IS NULL OR seen >= $date_from)
  AND ($date_to IS NULL OR seen <= $date_to)
  AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
WITH pl, collect(DISTINCT p.person_id) AS people
WHERE 2 <= size(people) <= $max_place_people
RETURN collect(people) AS people
