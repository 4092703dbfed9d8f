// Migration 022: all London's hotspots kept for every set of sources (issue #22).
// Purpose: the hotspots summary was kept for a reader of every source only, and a reader of fewer
//          sources waited two seconds at pan-London size for the Places page to open. It is now kept
//          for each set of sources (graph_loader/summaries._hotspots), and the catalogue gives it to
//          every reader of every borough. A store kept before this migration holds the first set
//          alone, which would give any other reader an empty answer: its facts are forgotten and
//          the summary marked as never computed, so the hotspots are answered live (and say so)
//          until the next change builds them for every set. Nothing else waits for that build: the
//          hotspots are rebuilt whole after every change anyway (summaries.ALWAYS_FULL).
// Parameters: none. Returns: nothing. Safe to run twice.
MATCH (h:HotspotFact)
DETACH DELETE h;
MATCH (s:SummaryState {name: 'hotspots'})
SET s.computed_at = null;
