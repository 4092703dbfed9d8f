// Name: admin/current_user
// Purpose: the database user this connection signed in as (checks which credentials a driver uses).
// Parameters: none.
// Returns: user (string).
SHOW CURRENT USER YIELD user RETURN user
