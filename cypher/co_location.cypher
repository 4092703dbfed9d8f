// name: co_location
// question: Who else is tied to the same place in the same period? Where do children at risk and suspected perpetrators share a place?
// param: date_from: date = null  Seen on or after this date (optional).
// param: date_to: date = null  Seen on or before this date (optional).
// param: borough: string = null  Only records held for this borough (optional).
// param: place_key: string = null  Only this place (optional).
// param: both_roles_only: bool = false  Only places where children at risk and suspected perpetrators were both seen.
// returns: place, place_type, postcode, place_key, children_at_risk, suspects, others, records, first_seen, last_seen
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// One place is found through its key's index; "every place" is the other branch. (A single
// `$place_key IS NULL OR ...` predicate hides the index and scans every place.)
CALL () {
  MATCH (pl:Place {place_key: $place_key}) RETURN pl
  UNION
  MATCH (pl:Place) WHERE $place_key IS NULL RETURN pl
}
MATCH (pl)<-[np:NAMES_PLACE]-(r:Record)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH pl, r, said, p, coalesce(np.date_seen, r.record_date) AS seen
WHERE ($date_from IS NULL OR seen >= $date_from)
  AND ($date_to IS NULL OR seen <= $date_to)
  AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
  AND IN_SCOPE(r)
WITH pl,
     collect(DISTINCT CASE WHEN said.role IN $child_roles THEN p.person_id END) AS children_at_risk,
     collect(DISTINCT CASE WHEN said.role IN $harming_roles THEN p.person_id END) AS suspects,
     collect(DISTINCT CASE WHEN NOT (said.role IN $child_roles OR said.role IN $harming_roles) THEN p.person_id END) AS others,
     collect(DISTINCT r.record_key) AS records, min(seen) AS first_seen, max(seen) AS last_seen,
     count(DISTINCT p) AS people
WHERE people >= 2 AND (NOT $both_roles_only OR (size(children_at_risk) > 0 AND size(suspects) > 0))
RETURN pl.name AS place, pl.place_type AS place_type, pl.postcode AS postcode, pl.place_key AS place_key,
       children_at_risk, suspects, others, records, first_seen, last_seen
ORDER BY size(children_at_risk) + size(suspects) DESC, size(records) DESC, place
