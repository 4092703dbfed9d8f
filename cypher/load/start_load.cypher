// Name: load/start_load
// Purpose: record that a load began (who, when, which files and their checksums); a load
//          of the same files left "running" by an interrupted run is marked "interrupted".
// Parameters: $load_id, $user, $started_at (datetime), $sources (list of string),
//             $files (list of string), $checksums (list of string), $checksum (string),
//             $shared (map: the sharing provenance of a received package; empty otherwise),
//             $mapping (map: mapping_name, mapping_file, mapping_checksum and the mapping's text
//             for a foreign export loaded through a mapping; empty otherwise).
// Returns: interrupted (integer): earlier runs of the same files marked interrupted.
OPTIONAL MATCH (old:Load {checksum: $checksum, status: 'running'})
SET old.status = 'interrupted'
WITH count(old) AS interrupted
CREATE (l:Load {load_id: $load_id})
SET l.user = $user, l.started_at = $started_at, l.sources = $sources, l.files = $files,
    l.file_checksums = $checksums, l.checksum = $checksum, l.status = 'running'
SET l += $shared
SET l += $mapping
RETURN interrupted
