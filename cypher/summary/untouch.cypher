// Name: summary/untouch
// Purpose: clear the SummaryTouched marks once the summaries have been brought up to date.
// Parameters: none.
// Returns: nothing (runs in transactions of 10,000).
MATCH (r:SummaryTouched)
CALL (r) { REMOVE r:SummaryTouched } IN TRANSACTIONS OF 10000 ROWS
