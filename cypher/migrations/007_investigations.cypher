// Migration 007: investigations (a saved network an analyst keeps, reopens and shares).
// Purpose: each investigation is found by its own id, and recorded once; the list of an
//          analyst's own investigations is found by owner.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE CONSTRAINT investigation_id IF NOT EXISTS FOR (n:Investigation) REQUIRE n.investigation_id IS UNIQUE;
CREATE INDEX investigation_owner IF NOT EXISTS FOR (n:Investigation) ON (n.owner);
