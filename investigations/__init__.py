"""Investigations: a network an analyst saves, reopens with what changed marked, shares and exports."""
