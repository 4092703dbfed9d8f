// Name: casework/previous_meeting
// Purpose: the latest MASE meeting for a borough before a date.
// Parameters: $borough (string), $before (date).
// Returns: ref, date (no row when there was none).
MATCH (m:Meeting {borough: $borough}) WHERE m.date < $before
RETURN m.ref AS ref, m.date AS date
ORDER BY m.date DESC LIMIT 1
