"""The registry's list of outputs: format name -> the module in `outputs/` that writes it, in build order.

It lives outside the `outputs` package so that `--help` can name the formats without loading any
of them. A new output is one module in `outputs/` plus one line here.
"""

FORMATS: dict[str, str] = {
    "pptx": "deck",  # the slide deck
    "md": "guide_md",  # the facilitator guide in Markdown
    "html": "guide_html",  # the facilitator guide as one web page
    "docx": "docx_guide",  # the facilitator guide as an editable Word document
    "handout": "handout",  # the participant handout (.docx)
    "test": "knowledge_test",  # the pre/post knowledge test and its answer key (.docx)
}
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)
