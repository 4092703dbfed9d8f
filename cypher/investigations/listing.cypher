// Name: investigations/listing
// Purpose: the investigations a user owns or has been given, newest first, without their
//          contents (names of people are never listed here).
// Parameters: $user (string, the account name).
// Returns: investigation_id, name, case_ref, owner, shared_with, saved_at, people (count).
MATCH (i:Investigation)
WHERE i.owner = $user OR $user IN i.shared_with
RETURN i.investigation_id AS investigation_id, i.name AS name, i.case_ref AS case_ref, i.owner AS owner,
       i.shared_with AS shared_with, i.saved_at AS saved_at, size(i.person_ids) AS people
ORDER BY saved_at DESC, investigation_id
