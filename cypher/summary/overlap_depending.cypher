// Name: summary/overlap_depending
// Purpose: the people whose gang overlap part rests on one of these records (a fact's
//          `depends`): a changed record may no longer name someone, or no longer tie a way,
//          and only the summary as it stood remembers who that was.
// Parameters: $keys (list of record keys).
// Returns: people (list of person ids).
MATCH (f:GangOverlapFact)
WHERE any(k IN f.depends WHERE k IN $keys)
RETURN collect(DISTINCT f.person_id) AS people
