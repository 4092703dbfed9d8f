// Name: bench/loaded_checksums
// Purpose: benchmark only: which data sets the benchmark database holds, so a benchmark can
//   reuse a large load instead of repeating it.
// Parameters: none.
// Returns: checksum (of each completed load's files), loads (how many loads had it).
MATCH (l:Load {status: 'completed'})
RETURN l.checksum AS checksum, count(*) AS loads
