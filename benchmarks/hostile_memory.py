"""Peak memory on hostile files: zip bombs as a contractor's template or Word reference, and the worst template
the bounds still accept (issue 22, item 3).

Each input is made here, in a temporary copy of the standard workspace; each command runs in its own
process, and its peak resident memory comes from `wait4` (the process and the workers it waited for). The
goal: no command above 400 MB, none exiting with status 3 (a bug).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from measure import machine

REPO = Path(__file__).resolve().parent.parent
PARTS = ("csec.yaml", "objectives", "contractors", "templates", "schemas", "rules")
CONTRACTOR = "sierra-probation-training"
GOAL_MB = 400.0
MB = 1024 * 1024


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hostile_memory", description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command; the highest peak is kept")
    parser.add_argument("--make-inputs", type=Path, help=argparse.SUPPRESS)  # the child that writes the inputs
    options = parser.parse_args(argv)
    if options.make_inputs:
        _make_inputs(options.make_inputs)
        return 0
    print(machine())
    with tempfile.TemporaryDirectory(prefix="csec-hostile-") as folder:
        workspace = _workspace(Path(folder) / "ws")
        # Written by another process: a child forked from this one would count this one's memory as its own.
        subprocess.run([sys.executable, __file__, "--make-inputs", str(workspace)], check=True)
        original = (workspace / "contractors" / f"{CONTRACTOR}.yaml").read_text(encoding="utf-8")
        print(f"\n{'input':50} {'command':16} {'exit':>4} {'peak MB':>8}")
        worst, failed = 0.0, False
        for name, (settings, commands) in _cases(workspace).items():
            _configure(workspace, original, settings)
            for label, command in commands.items():
                results = [_peak(command, workspace) for _ in range(options.runs)]
                codes = sorted({code for code, _peak_mb in results})
                peak = max(peak_mb for _code, peak_mb in results)
                worst = max(worst, peak)
                failed |= peak > GOAL_MB or any(code not in (0, 1) for code in codes)
                print(f"{name:50} {label:16} {'/'.join(map(str, codes)):>4} {peak:8.1f}")
    print(f"\nHighest peak: {worst:.1f} MB (goal: at most {GOAL_MB:.0f} MB, and exit status 0 or 1 only)")
    return 1 if failed else 0


def _workspace(root: Path) -> Path:
    root.mkdir(parents=True)
    for part in PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    return root


def _make_inputs(ws: Path) -> None:
    pptx, docx = ws / "templates" / "pptx", ws / "templates" / "docx"
    _bomb(pptx / "sierra-probation.pptx", pptx / "bomb.pptx", 768)
    _many_members(pptx / "many.pptx", 200_000)
    _bomb(docx / "reference.docx", docx / "bomb.docx", 768, "word/document.xml")
    _dense(pptx / "sierra-probation.pptx", pptx / "dense.pptx")


def _cases(ws: Path) -> dict[str, tuple[dict[str, str], dict[str, list[str]]]]:
    """Each input: the contractor's settings that use it, and the commands run on it."""
    out = str(ws.parent / "out")
    build = ["build", CONTRACTOR, "-f", "pptx,docx", "--force", "--out", out]

    def commands(template: str | None) -> dict[str, list[str]]:
        found = {"validate": ["validate"], "build": build}
        return found | ({"template check": ["template", "check", f"templates/pptx/{template}"]} if template else {})

    return {
        "none (the standard workspace)": ({}, commands("sierra-probation.pptx")),
        "template: presentation.xml expands to 768 MB": ({"template": "bomb.pptx"}, commands("bomb.pptx")),
        "template: 200,000 empty members": ({"template": "many.pptx"}, commands("many.pptx")),
        "docx_template: document.xml expands to 768 MB": ({"docx_template": "bomb.docx"}, commands(None)),
        "template: 7.8 MB of dense XML (accepted: the worst)": ({"template": "dense.pptx"}, commands("dense.pptx")),
    }


def _configure(ws: Path, original: str, settings: dict[str, str]) -> None:
    """The contractor's file as shipped, with its `template` or `docx_template` set to the input."""
    lines = original.splitlines()
    if "template" in settings:
        lines = [f"template: templates/pptx/{settings['template']}" if x.startswith("template:") else x for x in lines]
    if "docx_template" in settings:
        lines.append(f"docx_template: templates/docx/{settings['docx_template']}")
    (ws / "contractors" / f"{CONTRACTOR}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _bomb(base: Path, path: Path, megabytes: int, member: str = "ppt/presentation.xml") -> Path:
    """`base` with `member` replaced by `megabytes` MB of spaces: under a megabyte on disk."""
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info))
        with target.open(member, "w", force_zip64=True) as stream:
            for _ in range(megabytes):
                stream.write(b" " * MB)
    return path


def _many_members(path: Path, count: int) -> Path:
    with zipfile.ZipFile(path, "w") as target:
        for number in range(count):
            target.writestr(f"m/{number}.xml", b"")
    return path


def _dense(base: Path, path: Path) -> Path:
    """`base` whose presentation.xml carries just under 8 MB of one-letter empty elements in random order:
    as many XML nodes as the bound allows, with enough variety to stay under the compression-ratio bound."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    rng = random.Random(22)
    dense = "".join(f"<{rng.choice(letters)}/>" for _ in range(1_950_000))
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "ppt/presentation.xml":
                closing = b"</p:presentation>"
                data = data.replace(closing, f"<p:custDataLst>{dense}</p:custDataLst>".encode() + closing)
            target.writestr(info, data)
    return path


def _peak(command: list[str], cwd: Path) -> tuple[int, float]:
    """Exit status and peak resident memory (MB) of `python -m csec_builder COMMAND` in `cwd`."""
    env = {k: v for k, v in os.environ.items() if k not in ("CSEC_WORKSPACE", "CSEC_DEBUG")}
    process = subprocess.Popen(
        [sys.executable, "-m", "csec_builder", *command],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
