// Name: admin/latest_record_date
// Purpose: the newest record's date: where the warm-up ends the year a report is asked for (the Reports
//          page opens on the year to today; with records up to date the two are the same).
// Parameters: none.
// Returns: d (date or null: no record holds a date).
MATCH (r:Record)
RETURN max(r.record_date) AS d
