// Name: bench/forget_schema_version
// Purpose: benchmark only: after a load timed without constraints and indexes, forget the
//   recorded schema version so that applying the migrations creates them all again.
// Parameters: none. Returns: nothing.
MATCH (n) WHERE n:SchemaVersion OR n:Migration
DETACH DELETE n
