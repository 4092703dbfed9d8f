"""Cross-borough sharing packages: export a subgraph under an agreement, import one with its provenance."""
