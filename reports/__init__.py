"""Documents made from the graph for people who meet and decide: the problem profile and the
MASE pack. Built from catalogue queries (each figure names the query that produced it),
pseudonymised unless the reader may see names, rendered to HTML or PDF."""
