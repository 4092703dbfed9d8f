// Name: identity/clear_open_candidates
// Purpose: empty the open review queue before a run adds its candidates; candidates an
//          analyst has decided are kept.
// Parameters: none. Returns: cleared (integer).
MATCH (old:IdentityCandidate {status: 'open'})
DETACH DELETE old
RETURN count(*) AS cleared
