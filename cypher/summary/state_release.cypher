// Name: summary/state_release
// Purpose: operation $op changed nothing the summaries depend on (a load of records already
//          held): take it off each summary's list of changes in progress, keeping computed_at.
// Parameters: $names (list of string), $op (string).
// Returns: released (integer).
UNWIND $names AS name
MATCH (s:SummaryState {name: name})
SET s.running = [o IN coalesce(s.running, []) WHERE o <> $op]
RETURN count(s) AS released
