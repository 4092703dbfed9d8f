// Migration 002: lookup indexes for the analyst's entry points.
// Purpose: search by recorded name and date of birth, date-window filters on records.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE INDEX mention_name IF NOT EXISTS FOR (n:Mention) ON (n.name_key);
CREATE INDEX mention_dob IF NOT EXISTS FOR (n:Mention) ON (n.dob);
CREATE INDEX record_date IF NOT EXISTS FOR (n:Record) ON (n.record_date);
CREATE INDEX record_source IF NOT EXISTS FOR (n:Record) ON (n.source);
CREATE INDEX load_checksum IF NOT EXISTS FOR (n:Load) ON (n.checksum);
