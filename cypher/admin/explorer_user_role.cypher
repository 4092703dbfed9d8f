// Name: admin/explorer_user_role
// Purpose: give the explorer user the built-in publisher role (system database): it may read and
//          write data (identity verdicts, casework) but not change the schema, users, roles or
//          databases. Enterprise and Aura only: Community has no roles, so it is never run there.
// Parameters: $name (string).
// Returns: nothing.
GRANT ROLE publisher TO $name
