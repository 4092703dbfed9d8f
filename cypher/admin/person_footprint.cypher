// Name: admin/person_footprint
// Purpose: what erasing a person touches: the records about them (they are the subject) and
//          their mentions in other people's records.
// Parameters: $person_id (string), $subject_roles (list of string).
// Returns: subject_records (record keys), other_mentions (mention keys).
// A mention whose role is in doubt (null: a code the export's list does not know) is another mention:
// `NOT null IN $subject_roles` is null, so it was in neither list, left behind by an erasure.
MATCH (p:Person {person_id: $person_id})<-[:REFERS_TO]-(m:Mention)<-[said:MENTIONS]-(r:Record)
RETURN collect(DISTINCT CASE WHEN said.role IN $subject_roles THEN r.record_key END) AS subject_records,
       collect(DISTINCT CASE WHEN said.role IN $subject_roles THEN null ELSE m.mention_key END) AS other_mentions
