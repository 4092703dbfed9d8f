// Name: identity/decisions
// Purpose: the pairs analysts have decided, for every identity run to honour.
// Parameters: none.
// Returns: a, b (mention keys), status (same_person | not_same).
MATCH (c:IdentityCandidate)
WHERE c.status IN ['same_person', 'not_same']
RETURN split(c.pair_key, '|')[0] AS a, split(c.pair_key, '|')[1] AS b, c.status AS status
