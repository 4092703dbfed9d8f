// Migration 007: the summaries graph_loader/summaries.py keeps for the London-wide queries.
// Purpose: a summary's state is found by its name; a person's jigsaw links by the person's
//          id at either end or in the middle (jigsaw_links for one person, all London).
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE CONSTRAINT summary_state_name IF NOT EXISTS FOR (n:SummaryState) REQUIRE n.name IS UNIQUE;
CREATE INDEX jigsaw_link_person_a IF NOT EXISTS FOR (n:JigsawLink) ON (n.person_a);
CREATE INDEX jigsaw_link_person_b IF NOT EXISTS FOR (n:JigsawLink) ON (n.person_b);
CREATE INDEX jigsaw_link_bridge IF NOT EXISTS FOR (n:JigsawLink) ON (n.bridge);
