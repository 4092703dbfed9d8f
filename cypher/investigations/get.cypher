// Name: investigations/get
// Purpose: one investigation, whole, for its owner or a colleague it is shared with (the
//          caller checks which; the data in it is re-read under the reader's scope).
// Parameters: $investigation_id (string).
// Returns: investigation (a map of its properties; no row when there is none).
MATCH (i:Investigation {investigation_id: $investigation_id})
RETURN i {.*} AS investigation
