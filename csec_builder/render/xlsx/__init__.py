"""The spreadsheet outputs (.xlsx): the knowledge test's scoring sheet."""
