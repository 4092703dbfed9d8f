// Name: summary/state_end
// Purpose: a summary was brought up to date by operation $op: record when and how long it
//          took, and take $op off its list of changes in progress (another may still run). A
//          full rebuild folds in every change made so far, so it clears the list (also of a
//          load killed part way, which never took itself off).
// Parameters: $name (string), $op (string), $at (datetime), $seconds (float), $how (string: full or incremental).
// Returns: running (integer: changes still in progress).
MERGE (s:SummaryState {name: $name})
SET s.computed_at = $at, s.seconds = $seconds, s.how = $how,
    s.running = CASE WHEN $how = 'full' THEN [] ELSE [o IN coalesce(s.running, []) WHERE o <> $op] END
RETURN size(s.running) AS running
