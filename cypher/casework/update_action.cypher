// Name: casework/update_action
// Purpose: change an action's status; the change is appended to its history (never rewritten).
// Parameters: $action_id (string), $status (string), $by (string), $at (datetime), $note (string).
// Returns: action_id, status (no row when there is no such action).
MATCH (a:Action {action_id: $action_id})
SET a.status = $status, a.updated_by = $by, a.updated_at = $at,
    a.history = coalesce(a.history, []) + [toString($at) + ' ' + $by + ': ' + $status + ' (' + $note + ')']
RETURN a.action_id AS action_id, a.status AS status
