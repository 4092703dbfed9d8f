// Name: admin/wipe_data
// Purpose: delete every node and relationship except the schema bookkeeping, in batches
//          (tests and benchmarks only; never called by the product).
// Parameters: none. Returns: nothing. Needs an auto-commit transaction (session.run).
MATCH (n) WHERE NOT n:SchemaVersion AND NOT n:Migration
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
