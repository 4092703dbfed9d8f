// name: placed_out_of_borough
// question: Which looked-after children are placed out of borough, and who and where are they tied to in the borough that placed them and the one they live in?
// param: borough: string = null  Only children placed in, or placed from, this borough (optional).
// returns: person_id, placed_from, placed_in, referrals, max_missing_episodes, places_in_home_borough, people_in_home_borough, people_where_placed
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(r:Referral)-[:PLACED_FROM]->(home:Borough)
MATCH (r)-[:IN_BOROUGH]->(placed:Borough)
WHERE ($borough IS NULL OR $borough IN [home.name, placed.name]) AND IN_SCOPE(r)
WITH p, home, placed, collect(r) AS referrals
CALL (p, home) {
  OPTIONAL MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r1:Record)-[:NAMES_PLACE]->(pl:Place)
  WHERE (pl)-[:IN_BOROUGH]->(home) AND IN_SCOPE(r1)
  RETURN collect(DISTINCT pl.name) AS places_in_home_borough
}
CALL (p, home) {
  OPTIONAL MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r2:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(o:Person)
  WHERE o <> p AND IN_SCOPE(r2)
    AND (EXISTS { (r2)-[:IN_BOROUGH]->(home) } OR EXISTS { (o)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(oh:Record)-[:IN_BOROUGH]->(home) WHERE IN_SCOPE(oh) })
  RETURN collect(DISTINCT o.person_id) AS people_in_home_borough
}
CALL (p, placed) {
  OPTIONAL MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r3:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(o:Person)
  WHERE o <> p AND IN_SCOPE(r3) AND EXISTS { (r3)-[:IN_BOROUGH]->(placed) }
  RETURN collect(DISTINCT o.person_id) AS people_where_placed
}
RETURN p.person_id AS person_id, home.name AS placed_from, placed.name AS placed_in, size(referrals) AS referrals,
       reduce(m = 0, x IN referrals | CASE WHEN x.missing_episodes > m THEN x.missing_episodes ELSE m END) AS max_missing_episodes,
       places_in_home_borough, people_in_home_borough, people_where_placed
ORDER BY max_missing_episodes DESC, person_id
