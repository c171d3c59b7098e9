"""The slide deck (.pptx): template reading, layout choice, text fitting and writing the deck."""
