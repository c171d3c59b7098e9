"""Renderers: one package per output family (pptx, docx, guide), reports beside them, helpers in common."""
