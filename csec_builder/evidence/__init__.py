"""The evidence audit: what any provider's .pptx, .docx or .pdf teaches, objective by objective.

`readers` turns a file into quoted passages with their slide, page or paragraph; `match` scores them
against each objective's key points, statement and knowledge checks and gives the verdicts; `markers`
reads the `Objective: ID vN` note lines a deck may carry, so the audit can say whether they are true.
"""
