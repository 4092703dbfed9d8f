// Name: admin/delete_orphans
// Purpose: after an erasure, remove what was derived only from the erased records: persons
//          no mention refers to, places no record names, schools no mention attends, gangs
//          no matrix entry names, peer groups left with fewer than two members, and casework
//          left about nothing (actions and assessments whose subject went, contexts with no
//          one left in them, protective adults described for an erased child).
// Parameters: none.
// Returns: deleted (integer).
CALL () { MATCH (p:Person) WHERE NOT EXISTS { (p)<-[:REFERS_TO]-(:Mention) } DETACH DELETE p RETURN count(*) AS persons }
CALL () { MATCH (pl:Place) WHERE NOT EXISTS { (pl)<-[:NAMES_PLACE]-(:Record) } DETACH DELETE pl RETURN count(*) AS places }
CALL () { MATCH (s:School) WHERE NOT EXISTS { (s)<-[:ATTENDS]-(:Mention) } DETACH DELETE s RETURN count(*) AS schools }
CALL () { MATCH (g:Gang) WHERE NOT EXISTS { (g)<-[:NAMES_GANG]-(:Record) } DETACH DELETE g RETURN count(*) AS gangs }
CALL () { MATCH (g:PeerGroup) WHERE COUNT { (g)<-[:MEMBER_OF]-() } < 2 DETACH DELETE g RETURN count(*) AS groups }
CALL () { MATCH (cx:Context) WHERE NOT EXISTS { (cx)-[:INCLUDES]->(:Person) } DETACH DELETE cx RETURN count(*) AS contexts }
CALL () { MATCH (w:Action|Assessment) WHERE NOT EXISTS { (w)-[:CONCERNS]->() } DELETE w RETURN count(*) AS casework }
CALL () { MATCH (c:SafetyContact) WHERE NOT EXISTS { (c)<-[:PROTECTIVE_ADULT]-() } DELETE c RETURN count(*) AS contacts }
RETURN persons + places + schools + gangs + groups + contexts + casework + contacts AS deleted
