// name: overview_by_borough
// question: How many referrals, matrix entries and HSB cases does each borough hold?
// returns: borough, referrals, matrix_entries, hsb_cases, total
// limit: 40
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
MATCH (b:Borough)
OPTIONAL MATCH (b)<-[:IN_BOROUGH]-(r:Record)
  WHERE IN_SCOPE(r)
WITH b, r.source AS source, count(r) AS n
WITH b, sum(CASE source WHEN 'mash' THEN n ELSE 0 END) AS referrals,
        sum(CASE source WHEN 'matrix' THEN n ELSE 0 END) AS matrix_entries,
        sum(CASE source WHEN 'hsb' THEN n ELSE 0 END) AS hsb_cases
WHERE referrals + matrix_entries + hsb_cases > 0
RETURN b.name AS borough, referrals, matrix_entries, hsb_cases, referrals + matrix_entries + hsb_cases AS total
ORDER BY total DESC, borough
