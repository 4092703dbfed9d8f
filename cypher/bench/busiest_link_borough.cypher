// Name: bench/busiest_link_borough
// Purpose: benchmark reference only: the borough whose records are pieces of the most jigsaw links
//          (bench/link_reads.py reads its links as the heaviest borough read).
// Parameters: none.
// Returns: b (a borough's name), n (its links' pieces).
MATCH (b:Borough)<-[:IN_BOROUGH]-(:Record)<-[:PIECE_A|PIECE_B]-(l:JigsawLink)
RETURN b.name AS b, count(l) AS n ORDER BY n DESC, b LIMIT 1
