// Name: summary/links_delete
// Purpose: remove the jigsaw links a change may have made wrong: with $all every one, else
//          those with a piece in a touched record, and those that lost a piece (an erased record).
// Parameters: $all (bool).
// Returns: nothing (runs in transactions of 5,000 links).
MATCH (l:JigsawLink)
WHERE $all OR EXISTS { (l)-[:PIECE_A|PIECE_B]->(:SummaryTouched) }
   OR NOT EXISTS { (l)-[:PIECE_A]->(:Record) } OR NOT EXISTS { (l)-[:PIECE_B]->(:Record) }
CALL (l) { DETACH DELETE l } IN TRANSACTIONS OF 5000 ROWS
