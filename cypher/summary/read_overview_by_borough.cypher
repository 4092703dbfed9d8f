// name: read_overview_by_borough
// question: overview_by_borough, answered from the summary graph/summaries.py keeps (BoroughCount nodes).
// returns: borough, referrals, matrix_entries, hsb_cases, total (as overview_by_borough)
// limit: 40
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
MATCH (b:Borough)
OPTIONAL MATCH (b)<-[:IN_BOROUGH]-(c:BoroughCount)
  WHERE IN_SCOPE(c)
WITH b, c.source AS source, sum(c.records) AS n
WITH b, sum(CASE source WHEN 'mash' THEN n ELSE 0 END) AS referrals,
        sum(CASE source WHEN 'matrix' THEN n ELSE 0 END) AS matrix_entries,
        sum(CASE source WHEN 'hsb' THEN n ELSE 0 END) AS hsb_cases
WHERE referrals + matrix_entries + hsb_cases > 0
RETURN b.name AS borough, referrals, matrix_entries, hsb_cases, referrals + matrix_entries + hsb_cases AS total
ORDER BY total DESC, borough
