// Migration 001: uniqueness constraints on every stable key the loaders MERGE on.
// Purpose: constraint-backed MERGE (fast and race-free) and one node per real-world key.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE CONSTRAINT record_key IF NOT EXISTS FOR (n:Record) REQUIRE n.record_key IS UNIQUE;
CREATE CONSTRAINT referral_id IF NOT EXISTS FOR (n:Referral) REQUIRE n.source_id IS UNIQUE;
CREATE CONSTRAINT matrix_entry_id IF NOT EXISTS FOR (n:MatrixEntry) REQUIRE n.source_id IS UNIQUE;
CREATE CONSTRAINT hsb_case_id IF NOT EXISTS FOR (n:HsbCase) REQUIRE n.source_id IS UNIQUE;
CREATE CONSTRAINT mention_key IF NOT EXISTS FOR (n:Mention) REQUIRE n.mention_key IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.person_id IS UNIQUE;
CREATE CONSTRAINT place_key IF NOT EXISTS FOR (n:Place) REQUIRE n.place_key IS UNIQUE;
CREATE CONSTRAINT borough_name IF NOT EXISTS FOR (n:Borough) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT agency_key IF NOT EXISTS FOR (n:Agency) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT gang_key IF NOT EXISTS FOR (n:Gang) REQUIRE n.gang_key IS UNIQUE;
CREATE CONSTRAINT school_key IF NOT EXISTS FOR (n:School) REQUIRE n.school_key IS UNIQUE;
CREATE CONSTRAINT peer_group_id IF NOT EXISTS FOR (n:PeerGroup) REQUIRE n.group_id IS UNIQUE;
CREATE CONSTRAINT load_id IF NOT EXISTS FOR (n:Load) REQUIRE n.load_id IS UNIQUE;
CREATE CONSTRAINT schema_version_id IF NOT EXISTS FOR (n:SchemaVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT migration_number IF NOT EXISTS FOR (n:Migration) REQUIRE n.number IS UNIQUE;
