// Migration 005: erasure tombstones.
// Purpose: an erased record or mention leaves a tombstone holding only its key, who erased
//          it and when, so reloading the source file never brings it back.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE CONSTRAINT erasure_key IF NOT EXISTS FOR (n:Erasure) REQUIRE n.key IS UNIQUE;
