"""The registry's list of outputs: format name -> (the module in `outputs/` that writes it, what it is).

It lives outside the `outputs` package so that `--help` can name and describe the formats without
loading any of them. A new output is one module in `outputs/` plus one line here. Listed in build order.
"""

FORMATS: dict[str, tuple[str, str]] = {
    "pptx": ("deck", "the slide deck (.pptx) with speaker notes"),
    "md": ("guide_md", "the facilitator guide in Markdown (.md)"),
    "html": ("guide_html", "the facilitator guide as one self-contained web page (.html)"),
    "docx": ("docx_guide", "the facilitator guide as an editable Word document (.docx)"),
    "handout": (
        "handout",
        "the participant handout (.docx): agenda, objectives, key points, activity materials, resources",
    ),
    "test": ("knowledge_test", "the pre/post knowledge test and its answer key (.docx)"),
    "qti": ("qti", "the knowledge test as an IMS QTI 1.2 package (.zip) for Canvas and other LMSs"),
    "moodle": ("moodle", "the knowledge test as Moodle XML, one question category per objective"),
    "pdf": ("pdf", "print copies (.pdf, by LibreOffice) of the facilitator guide, handout, test and answer key"),
}
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)
