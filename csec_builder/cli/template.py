"""`csec-builder template check`: which layout each kind of slide will use, and why."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from .common import WorkspaceOption, echo, echo_json, open_workspace, plural, report_problems, usage_error
from .help_format import HelpGroup

if TYPE_CHECKING:  # the library loads only when the command runs, so --help stays fast
    from ..template_check import TemplateReport

template_app = typer.Typer(help="Check PowerPoint templates.", no_args_is_help=True, cls=HelpGroup)


CheckFormat = Literal["text", "json"]


def register(app: typer.Typer) -> None:
    app.add_typer(template_app, name="template")


@template_app.command("check")
def check(
    path: Annotated[
        Path | None,
        typer.Argument(metavar="PATH", help="The .pptx or .potx template (with --contractor: its template)."),
    ] = None,
    contractor: Annotated[
        str | None,
        typer.Option("--contractor", "-c", help="Use this contractor's `layouts` mapping and `branding.paint`."),
    ] = None,
    workspace: WorkspaceOption = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show the layout each kind of slide will use and why, the placeholders it has, the sample slides
    that will be dropped, and problems.

    Exit status: 0 when the template can be used (warnings included); 1 when it is not a presentation or
    template, has no layout with a title placeholder, or lacks a layout the contractor maps.
    """
    from ..template_check import check_contractor_template, check_template

    if path is None and contractor is None:
        raise usage_error("give a template PATH, or --contractor ID to check that contractor's template")
    if contractor is not None:
        report = check_contractor_template(open_workspace(workspace), contractor, path)
    else:
        assert path is not None
        report = check_template(path)
    if output_format == "json":
        echo_json(_as_json(report))
    else:
        _print(report)


def _print(report: "TemplateReport") -> None:
    from ..problems import Problem, display_path
    from ..template_check import describe_size

    masters = f" in {plural(report.master_count, 'slide master')}" if report.master_count > 1 else ""
    echo(f"Template: {display_path(report.path)}")
    echo(f"Slide size: {describe_size(report.slide_size)}; {plural(report.layout_count, 'layout')}{masters}")
    area = report.text_area
    echo(f"Text area for lists: {area.chars_per_line} characters x {area.max_lines} lines")
    echo(f"Painting: {'yes' if report.paint else 'no'}: {report.paint_reason}")
    if report.sample_slides:
        listed = "; ".join(f'{n}: "{t}"' for n, t in enumerate(report.sample_slides, start=1))
        echo(f"Sample slides, dropped from every deck: {listed}")
    else:
        echo("Sample slides: none")
    echo("")
    rows = [("Slide kind", "Layout", "Why", "Placeholders (idx: type)")]
    rows += [(k.kind, k.layout, k.reason, ", ".join(k.placeholders)) for k in report.kinds]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[3])
    echo("")
    problems = [Problem(report.path, 1, 1, f.severity, f.message) for f in report.findings]
    report_problems(problems)
    warnings = sum(f.severity == "warning" for f in report.findings)
    echo(f"Checked {display_path(report.path)}: usable, {plural(warnings, 'warning')}.")


def _as_json(report: "TemplateReport") -> dict:
    from ..problems import display_path

    return {
        "path": display_path(report.path),
        "slide_size_emu": list(report.slide_size),
        "layouts": report.layout_count,
        "slide_masters": report.master_count,
        "text_area": {"chars_per_line": report.text_area.chars_per_line, "max_lines": report.text_area.max_lines},
        "paint": report.paint,
        "paint_reason": report.paint_reason,
        "sample_slides": list(report.sample_slides),
        "kinds": [
            {"kind": k.kind, "layout": k.layout, "reason": k.reason, "placeholders": list(k.placeholders)}
            for k in report.kinds
        ],
        "problems": [{"severity": f.severity, "message": f.message} for f in report.findings],
    }
