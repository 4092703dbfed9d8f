// Name: casework/record_meeting
// Purpose: record a MASE meeting (its reference, borough and date), once; the next pack
//          reports what changed since the last one.
// Parameters: $meeting (map: meeting_key, ref, borough, date, recorded_by, recorded_at).
// Returns: meeting_key.
MERGE (m:Meeting {meeting_key: $meeting.meeting_key})
ON CREATE SET m = $meeting
RETURN m.meeting_key AS meeting_key
