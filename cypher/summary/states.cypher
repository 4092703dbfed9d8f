// Name: summary/states
// Purpose: every summary's state, for `jigsaw summaries status` and the benchmarks.
// Parameters: none.
// Returns: name, computed_at, seconds, how, running (list of operation ids).
MATCH (s:SummaryState)
RETURN s.name AS name, s.computed_at AS computed_at, s.seconds AS seconds, s.how AS how, coalesce(s.running, []) AS running
ORDER BY name
