// name: report_referrals_by_month
// question: How many MASH referrals did a borough receive each month of a period, by CSE category?
// param: borough: string  The borough whose MASH received the referrals.
// param: date_from: date  First day of the period.
// param: date_to: date  Last day of the period.
// returns: month (YYYY-MM), cse_category, referrals
// limit: 5000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
MATCH (r:Referral)-[:IN_BOROUGH]->(:Borough {name: $borough})
WHERE r.record_date >= $date_from AND r.record_date <= $date_to
  AND IN_SCOPE(r)
RETURN substring(toString(r.record_date), 0, 7) AS month, r.cse_category AS cse_category, count(r) AS referrals
ORDER BY month, cse_category
