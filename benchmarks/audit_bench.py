"""Evidence audit: seconds per 100 slides and per 100 PDF pages, and peak memory, on one core.

    python benchmarks/run.py audit_bench            # the run recorded in docs/benchmarks.md
    python benchmarks/run.py audit_bench --quick    # a smoke run (fewer runs, smaller files)
    python benchmarks/audit_bench.py ...            # the same, run directly

The decks are made of the shipped catalog's own slides (title, bullets, speaker notes), repeated to the
size wanted, so every slide has the text of real teaching material. The PDFs are those decks' notes pages,
written by LibreOffice. Each audit is one `python -m csec_builder coverage --deck FILE` process pinned to
one core (taskset); times are medians of interleaved runs; the per-100 figure is the slope between a small
and a large file, so the fixed cost (start-up, loading the catalog) is reported apart.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import machine, time_commands

REPO = Path(__file__).resolve().parent.parent


def make_deck(path: Path, slides: int) -> Path:
    import yaml
    from pptx import Presentation

    catalog = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "objectives").glob("*.yaml"))]
    source = [slide for objective in catalog for slide in objective["slides"]]
    presentation = Presentation()
    for number in range(slides):
        slide = source[number % len(source)]
        made = presentation.slides.add_slide(presentation.slide_layouts[1])
        made.shapes.title.text = slide["title"]
        made.placeholders[1].text_frame.text = "\n".join(slide.get("bullets", []))
        made.notes_slide.notes_text_frame.text = slide.get("notes", "")
    presentation.save(str(path))
    return path


def make_pdf(deck: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the PDFs")
    export = (
        'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},'
        '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}'
    )
    profile = f"file://{folder / '.lo-profile'}"
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        export,
        "--outdir",
        str(folder),
    ]
    subprocess.run([*command, str(deck)], check=True, capture_output=True, timeout=1800)
    return folder / f"{deck.stem}.pdf"


def audit_command(*files: Path) -> list[str]:
    """The audit on one core; exit status 1 (required objectives missing) is its normal answer here."""
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    decks = [a for f in files for a in ("--deck", str(f))]
    report = files[0].parent / "report.json"
    audit = [*pin, sys.executable, "-m", "csec_builder", "coverage", "--workspace", str(REPO), *decks,
             "--audience", "caregiver", "--format", "json", "--output", str(report)]  # fmt: skip
    return ["sh", "-c", f"{shlex.join(audit)} || test $? -eq 1"]


def peak_mb(command: list[str]) -> float:
    """The largest resident set of the audit process, in MB (a fresh wrapper so no other child counts)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="audit_bench")
    parser.add_argument("--quick", action="store_true", help="smaller files and fewer runs")
    parser.add_argument("--runs", type=int, default=None)
    options = parser.parse_args(argv)
    small, large = (20, 100) if options.quick else (100, 500)
    small_pages, large_pages = (20, 60) if options.quick else (100, 300)
    runs = options.runs or (2 if options.quick else 5)
    print(machine())
    with tempfile.TemporaryDirectory(prefix="csec-audit-bench-") as folder:
        root = Path(folder)
        decks = {n: make_deck(root / f"deck-{n}.pptx", n) for n in (small, large)}
        pdf_decks = {n: make_deck(root / f"pdf-{n}.pptx", n) for n in (small_pages, large_pages)}
        pdfs = {n: make_pdf(deck, root) for n, deck in pdf_decks.items()}
        commands = {f"deck {n} slides": audit_command(p) for n, p in decks.items()}
        commands |= {f"pdf {n} pages": audit_command(p) for n, p in pdfs.items()}
        commands[f"5 decks of {small} slides"] = audit_command(*[decks[small]] * 5)
        timings = time_commands(commands, runs, warmup=1)
        for name, timing in timings.items():
            print(f"{name:22} {timing.wall_ms / 1000:7.2f} s wall  {timing.cpu_ms / 1000:7.2f} s CPU  "
                  f"peak {peak_mb(commands[name]):6.1f} MB  ({timing.runs} runs)")  # fmt: skip
        _slope("slides", timings[f"deck {large} slides"].cpu_ms, timings[f"deck {small} slides"].cpu_ms, large - small)
        _slope("PDF pages", timings[f"pdf {large_pages} pages"].cpu_ms, timings[f"pdf {small_pages} pages"].cpu_ms,
               large_pages - small_pages)  # fmt: skip
    print("(runs use one core; peak memory is the largest resident set of the audit process)")
    return 0


def _slope(what: str, large_ms: float, small_ms: float, span: int) -> None:
    print(f"per 100 {what}: {(large_ms - small_ms) / span * 100 / 1000:.2f} s CPU")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
