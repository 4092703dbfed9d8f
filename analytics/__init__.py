"""Network analytics on person-to-person projections of the graph, with NetworkX."""
