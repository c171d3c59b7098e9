"""The pieces of tools/make_templates.py, which generates the bundled PowerPoint templates and logo.

`spec` (geometry and the specification types) -> `fragments` and `placeholders` (XML strings) -> `parts`
(master, layouts, theme) -> `package` (one .pptx, reproducible bytes); `designs` holds the two templates' designs
and `logo` the fictional logo."""
