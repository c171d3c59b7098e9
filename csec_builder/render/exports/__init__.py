"""Exports for learning systems: the standard as CASE JSON, the knowledge test as QTI and Moodle XML."""
