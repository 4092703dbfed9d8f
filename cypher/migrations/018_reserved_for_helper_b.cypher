// Migration 018: reserved for helper B's branch of this session (issue #22); a placeholder so that
// migration 019 applies on this branch alone (jigsaw/schema.py wants 1..n without gaps). Drop this file
// when merging that branch, whose own 018 takes its place.
