// Name: summary/state_begin
// Purpose: a change to what the summaries depend on has begun (a load, an identity decision,
//          a split, an erasure, a rebuild): each named summary is marked as being rebuilt, so
//          the catalogue answers live until the change is folded in (jigsaw/summary_answers.py).
// Parameters: $names (list of string: summary names), $op (string: the operation's id).
// Returns: marked (integer).
UNWIND $names AS name
MERGE (s:SummaryState {name: name})
SET s.running = [o IN coalesce(s.running, []) WHERE o <> $op] + [$op]
RETURN count(s) AS marked
