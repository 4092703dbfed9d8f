"""Casework recorded in the graph by practitioners: actions, assessments and plans (about a
child, a place or a peer-group context), safety mapping, and MASE meetings."""
