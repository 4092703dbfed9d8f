// Name: summary/links_delete
// Purpose: remove the jigsaw links a change may have made wrong: those with a piece in a touched
//          record, and those that lost a piece (an erased record). Found from what the change touched, not by scanning every link: a link's pieces are its ends'
//          records (record_a names person_a, record_b person_b), so a link that lost a piece has an
//          end among the people the erased records named, which the erasure passes ($people) and
//          the links' ends are indexed (end A with its kind: migration 028). Only an erasure deletes records (admin/erase_records).
//          A full build deletes every link in batches instead (summary/links_delete_all).
// Parameters: $people (list of string: person ids the change concerns; may be empty).
// Returns: nothing (runs in transactions of 5,000 links).
CALL () {
  MATCH (:SummaryTouched)<-[:PIECE_A|PIECE_B]-(l:JigsawLink)
  RETURN l
  UNION
  UNWIND $people AS id
  CALL (id) {
    MATCH (l:JigsawLink) WHERE l.kind IN ['person', 'place'] AND l.person_a = id RETURN l
    UNION
    MATCH (l:JigsawLink) WHERE l.person_b = id RETURN l
  }
  WITH l WHERE NOT EXISTS { (l)-[:PIECE_A]->(:Record) } OR NOT EXISTS { (l)-[:PIECE_B]->(:Record) }
  RETURN l
}
CALL (l) { DETACH DELETE l } IN TRANSACTIONS OF 5000 ROWS
