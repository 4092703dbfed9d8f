// Migration 003: identity review queue.
// Purpose: one IdentityCandidate per pair of mentions; lookups by status.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE CONSTRAINT identity_candidate_pair IF NOT EXISTS FOR (n:IdentityCandidate) REQUIRE n.pair_key IS UNIQUE;
CREATE INDEX identity_candidate_status IF NOT EXISTS FOR (n:IdentityCandidate) ON (n.status);
