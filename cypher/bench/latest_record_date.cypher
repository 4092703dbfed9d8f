// Name: bench/latest_record_date
// Purpose: benchmark only: the newest record date, so report periods end with the data.
// Parameters: none.
// Returns: d (date or null).
MATCH (r:Record)
RETURN max(r.record_date) AS d
