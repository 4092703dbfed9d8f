// Name: summary/state_read
// Purpose: whether a summary may answer: when it was computed, and what is still changing it.
// Parameters: $name (string).
// Returns: computed_at (datetime or null), running (integer), how (string).
OPTIONAL MATCH (s:SummaryState {name: $name})
RETURN s.computed_at AS computed_at, size(coalesce(s.running, [])) AS running, s.how AS how
