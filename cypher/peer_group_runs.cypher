// name: peer_group_runs
// question: For which periods (and boroughs) have peer groups been found, when, by which method and tie rule, and how many?
// returns: scope, run_id, date_from, date_to, borough, created_at, algorithm, tie_weights, groups
// limit: 500
MATCH (g:PeerGroup)
WITH g.scope AS scope, g.run_id AS run_id, g.date_from AS date_from, g.date_to AS date_to, g.borough AS borough,
     g.created_at AS created_at, g.algorithm AS algorithm, g.tie_weights AS tie_weights, count(g) AS groups
RETURN scope, run_id, date_from, date_to, borough, created_at, algorithm, tie_weights, groups
ORDER BY coalesce(date_to, date('9999-12-31')) DESC, coalesce(date_from, date('0001-01-01')) DESC, scope
