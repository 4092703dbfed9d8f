// Migration 004: forgiving search by name, alias and street name.
// Purpose: a full-text (Lucene) index over what each agency recorded, so the explorer's
//          search finds "Jaydn" for "Jayden" without scanning every mention.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE FULLTEXT INDEX mention_names IF NOT EXISTS FOR (n:Mention) ON EACH [n.name, n.aliases, n.street_names];
