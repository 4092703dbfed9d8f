// Name: admin/server_edition
// Purpose: the server's components and their edition ("community" or "enterprise"; Aura reports
//          enterprise), which decides whether roles can limit the explorer's user. Runs on the
//          system database, which allows only CALL ... YIELD ... RETURN: the caller picks the kernel.
// Parameters: none.
// Returns: name (string), edition (string).
CALL dbms.components() YIELD name, edition
RETURN name, edition
