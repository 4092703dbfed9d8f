// Migration 006: casework (actions, assessments and plans, peer-group contexts, safety
//          mapping, MASE meetings).
// Purpose: each casework node is found by its own id, and recorded once.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE CONSTRAINT action_id IF NOT EXISTS FOR (n:Action) REQUIRE n.action_id IS UNIQUE;
CREATE CONSTRAINT assessment_id IF NOT EXISTS FOR (n:Assessment) REQUIRE n.assessment_id IS UNIQUE;
CREATE CONSTRAINT context_id IF NOT EXISTS FOR (n:Context) REQUIRE n.context_id IS UNIQUE;
CREATE CONSTRAINT safety_contact_id IF NOT EXISTS FOR (n:SafetyContact) REQUIRE n.contact_id IS UNIQUE;
CREATE CONSTRAINT meeting_key IF NOT EXISTS FOR (n:Meeting) REQUIRE n.meeting_key IS UNIQUE;
CREATE INDEX action_borough IF NOT EXISTS FOR (n:Action) ON (n.borough);
