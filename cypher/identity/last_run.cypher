// Name: identity/last_run
// Purpose: when the last identity run started (an incremental run compares only mentions loaded since).
// Parameters: none.
// Returns: at (datetime or null).
OPTIONAL MATCH (r:IdentityRun)
RETURN max(r.at) AS at
