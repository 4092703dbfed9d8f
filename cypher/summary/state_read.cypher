// Name: summary/state_read
// Purpose: whether summaries may answer: when each was computed, and what is still changing it (one round
//          trip for an answer read from several: jigsaw/summary_answers.RESTS_ON).
// Parameters: $names (list of strings).
// Returns: one row per name, in the order given: name, computed_at (datetime or null), running (integer), how (string).
UNWIND range(0, size($names) - 1) AS i
OPTIONAL MATCH (s:SummaryState {name: $names[i]})
RETURN $names[i] AS name, s.computed_at AS computed_at, size(coalesce(s.running, [])) AS running, s.how AS how
ORDER BY i
