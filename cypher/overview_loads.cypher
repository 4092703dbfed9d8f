// name: overview_loads
// question: What were the latest loads: who ran them, when, and what happened?
// param: limit: int = 20  How many loads to list.
// returns: load_id, user, started_at, status, sources, rows_read, rows_rejected, records_new, records_changed
// limit: 200
MATCH (l:Load)
RETURN l.load_id AS load_id, l.user AS user, l.started_at AS started_at, l.status AS status,
       l.sources AS sources, l.rows_read AS rows_read, l.rows_rejected AS rows_rejected,
       l.records_new AS records_new, l.records_changed AS records_changed
ORDER BY l.started_at DESC
LIMIT $limit
