// name: read_overview_cse_categories
// question: overview_cse_categories over all time, answered from the summary graph_loader/summaries.py keeps (CategoryCount nodes).
// param: borough: string = null  Only this borough (optional).
// returns: cse_category, referrals, share (as overview_cse_categories)
// limit: 10
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A CategoryCount is one (borough, source, category) of the referrals held there and carries their
// source, so IN_SCOPE keeps exactly the counts of the referrals the reader may read, as it keeps the
// referrals live (jigsaw/summary_answers.COVERS gives it no period: a period is counted live). The
// Overview page asks for all time: live, every referral in London was read (0.6 to 0.8 s at L).
MATCH (b:Borough)<-[:IN_BOROUGH]-(c:CategoryCount)
WHERE ($borough IS NULL OR b.name = $borough) AND IN_SCOPE(c)
WITH c.cse_category AS cse_category, sum(c.referrals) AS referrals
WITH collect({c: cse_category, n: referrals}) AS rows, sum(referrals) AS total
UNWIND rows AS row
RETURN row.c AS cse_category, row.n AS referrals, round(1.0 * row.n / total, 3) AS share
ORDER BY cse_category
