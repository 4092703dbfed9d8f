// Name: bench/link_counts
// Purpose: benchmark reference only: how many jigsaw links the summary holds, how many are untied,
//          and how many relationships they add to the graph (bench/load_rate.py).
// Parameters: none.
// Returns: links, untied, relationships (integers).
MATCH (l:JigsawLink)
RETURN count(l) AS links, count(CASE WHEN l:Untied THEN 1 END) AS untied, sum(COUNT { (l)-->() }) AS relationships
