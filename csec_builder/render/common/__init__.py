"""Helpers every output format shares: colour contrast, text fitting, reproducible zip files."""
