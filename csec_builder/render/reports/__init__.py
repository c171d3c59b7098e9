"""Reports beside the teaching materials: coverage and the evidence audit in every file format, and terminal tables."""
