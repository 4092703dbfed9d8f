// Name: admin/explorer_user_password
// Purpose: set the explorer user's password to the configured one (system database), when the
//          user exists but no longer signs in with it (e.g. its password file was replaced).
// Parameters: $name (string), $password (string).
// Returns: nothing.
ALTER USER $name SET PASSWORD $password CHANGE NOT REQUIRED
