"""csec-builder: turn California's standardized CSEC 101 learning objectives into training materials."""

__version__ = "0.1.0"
