// Name: admin/explorer_user_create
// Purpose: create the explorer's own database user if it does not exist yet (system database;
//          an existing user is left as it is: its password is checked and reset separately).
// Parameters: $name (string), $password (string).
// Returns: nothing (the summary's system_updates says whether a user was created).
CREATE USER $name IF NOT EXISTS SET PASSWORD $password CHANGE NOT REQUIRED
