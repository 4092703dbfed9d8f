// Name: bench/most_linked_people
// Purpose: benchmark reference only: the five people at an end of the most jigsaw links
//          (bench/link_reads.py reads their links as the heaviest person reads).
// Parameters: none.
// Returns: p (a person id), n (their links).
MATCH (l:JigsawLink) UNWIND [l.person_a, l.person_b] AS p
RETURN p, count(*) AS n ORDER BY n DESC, p LIMIT 5
