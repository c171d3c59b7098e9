"""Reports: what the coverage and the evidence audit found, in formats for people and for tools."""
