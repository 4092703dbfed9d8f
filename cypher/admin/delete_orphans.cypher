// Name: admin/delete_orphans
// Purpose: after an erasure, remove what was derived only from the erased records: persons
//          no mention refers to, places no record names, schools no mention attends, gangs
//          no matrix entry names, and peer groups left with fewer than two members.
// Parameters: none.
// Returns: deleted (integer).
CALL () { MATCH (p:Person) WHERE NOT EXISTS { (p)<-[:REFERS_TO]-(:Mention) } DETACH DELETE p RETURN count(*) AS persons }
CALL () { MATCH (pl:Place) WHERE NOT EXISTS { (pl)<-[:NAMES_PLACE]-(:Record) } DETACH DELETE pl RETURN count(*) AS places }
CALL () { MATCH (s:School) WHERE NOT EXISTS { (s)<-[:ATTENDS]-(:Mention) } DETACH DELETE s RETURN count(*) AS schools }
CALL () { MATCH (g:Gang) WHERE NOT EXISTS { (g)<-[:NAMES_GANG]-(:Record) } DETACH DELETE g RETURN count(*) AS gangs }
CALL () { MATCH (g:PeerGroup) WHERE COUNT { (g)<-[:MEMBER_OF]-() } < 2 DETACH DELETE g RETURN count(*) AS groups }
RETURN persons + places + schools + gangs + groups AS deleted
