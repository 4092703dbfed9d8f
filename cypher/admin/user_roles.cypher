// Name: admin/user_roles
// Purpose: whether a database user exists, and its roles (null on Community, which has none).
// Parameters: $name (string).
// Returns: user (string), roles (list of string or null).
SHOW USERS YIELD user, roles WHERE user = $name RETURN user, roles
