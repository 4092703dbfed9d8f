// Name: identity/record_run
// Purpose: remember an identity run (id, start, mode and counts) for the next incremental run.
// Parameters: $run (map: run_id, at, mode, mentions, compared, auto_links, queued).
// Returns: run_id.
CREATE (r:IdentityRun)
SET r = $run
RETURN r.run_id AS run_id
