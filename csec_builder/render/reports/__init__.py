"""Reports beside the teaching materials: coverage in every file format, and terminal tables."""
