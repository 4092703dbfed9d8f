// Name: load/graph_size
// Purpose: how much data the database holds besides the schema's own bookkeeping, so a first
//          bulk load (`jigsaw load --initial`) refuses to replace a database that holds any.
// Parameters: none.
// Returns: nodes (integer): nodes other than SchemaVersion and Migration.
MATCH (n)
WHERE NOT n:SchemaVersion AND NOT n:Migration
RETURN count(n) AS nodes
