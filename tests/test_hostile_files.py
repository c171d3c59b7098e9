"""Hostile files: what a careless or hostile user can hand csec-builder (issue 22, items 2-5, 10, 13).

Every input is made here, at test time: zip bombs with `zipfile`, a FIFO with os.mkfifo, a PNG header
claiming a huge size written by hand. Each ends in one line and status 1 or 2, never 3, never a hang.
"""

from __future__ import annotations

import json
import os
import stat
import struct
import threading
import zipfile
import zlib
from pathlib import Path

import pytest

from csec_builder import limits
from csec_builder.problems import InputError

from .helpers import REPO, edit, line_of, run_csec_builder

SIERRA = "contractors/sierra-probation-training.yaml"
DEFAULT_PPTX = REPO / "templates" / "pptx" / "default.pptx"
REFERENCE_DOCX = REPO / "templates" / "docx" / "reference.docx"


# --- inputs made at test time ------------------------------------------------------------------


def zip_bomb(path: Path, member: str = "ppt/presentation.xml", megabytes: int = 100, base: Path = DEFAULT_PPTX) -> Path:
    """A copy of `base` whose `member` expands to `megabytes` MB of spaces (about 100 KB on disk)."""
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info))
        with target.open(member, "w", force_zip64=True) as stream:
            chunk = b" " * limits.MB
            for _ in range(megabytes):
                stream.write(chunk)
    return path


def without_layouts(path: Path) -> Path:
    """The default template with its layout parts removed while the master's relationships still name them."""
    with zipfile.ZipFile(DEFAULT_PPTX) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if not (info.filename.startswith("ppt/slideLayouts/slideLayout") and info.filename.endswith(".xml")):
                target.writestr(info, source.read(info))
    return path


def png_header(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims `width` x `height` pixels, with one empty data chunk: a few dozen bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    )
    return path


def loop(path: Path) -> Path:
    """A symlink that points to itself."""
    path.symlink_to(path.name)
    return path


def set_template(ws: Path, relative: str) -> int:
    """Point the Sierra contractor at another template; the line of its `template:` key."""
    text = edit(ws / SIERRA, "template: templates/pptx/sierra-probation.pptx", f"template: {relative}")
    return line_of(text, f"template: {relative}")


def set_logo(ws: Path, relative: str) -> int:
    text = edit(ws / SIERRA, "logo: templates/images/sierra-logo.png", f"logo: {relative}")
    return line_of(text, f"logo: {relative}")


def assert_one_line(run, expected: str, code: int = 1) -> None:  # type: ignore[no-untyped-def]
    assert run.exit_code == code, run.output
    assert expected in run.output.splitlines(), run.output
    assert "Traceback" not in run.output and "bug" not in run.output


# --- item 1 lives in test_output_folder.py; item 2: coverage --output ---------------------------


def test_coverage_output_through_a_symlink_writes_the_target_and_keeps_the_link(cli, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "real.json"
    target.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(target)
    run = cli("coverage", "-f", "json", "-o", link, cwd=tmp_path)
    assert run.exit_code in (0, 1), run.output  # coverage's own verdict
    assert link.is_symlink() and link.resolve() == target
    assert "contractors" in json.loads(target.read_text(encoding="utf-8"))
    assert sorted(p.name for p in target.parent.iterdir()) == ["real.json"]  # no 'link.json' beside the target


def test_coverage_output_to_a_folder_or_a_loop_is_a_usage_error(cli, tmp_path: Path) -> None:
    run = cli("coverage", "-f", "json", "-o", tmp_path, cwd=tmp_path)
    assert_one_line(run, "error: '.' is a folder; give the name of a file to write", code=2)  # relative to cwd
    loop(tmp_path / "loop.json")
    run = cli("coverage", "-f", "json", "-o", "loop.json", cwd=tmp_path)
    assert_one_line(run, "error: 'loop.json' is a symlink loop; give a file name", code=2)


def test_coverage_output_into_a_fifo_is_written_to_and_the_fifo_kept(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    run = cli("coverage", "-f", "json", "-o", fifo, cwd=tmp_path)
    reader.join(timeout=60)
    assert run.exit_code in (0, 1), run.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert "contractors" in json.loads(received[0])


def test_coverage_output_to_a_full_device_fails_cleanly_and_keeps_the_device(cli, tmp_path: Path) -> None:
    # As root, a copy of /dev/full made here, so that no version of this code can ever replace the real one.
    if os.geteuid() == 0:
        device = tmp_path / "full"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    else:
        device = Path("/dev/full")  # an ordinary user cannot replace it, whatever the code does
    run = cli("coverage", "-f", "json", "-o", device, cwd=tmp_path)
    shown = device.name if device.parent == tmp_path else device
    assert_one_line(run, f"error: cannot write to {shown}: No space left on device")
    assert stat.S_ISCHR(device.stat().st_mode)


# --- item 3: zip bombs ---------------------------------------------------------------------------


def test_a_template_that_expands_to_hundreds_of_megabytes_is_refused_everywhere(cli, workspace: Path) -> None:
    zip_bomb(workspace / "templates" / "pptx" / "bomb.pptx")
    line = set_template(workspace, "templates/pptx/bomb.pptx")
    reason = "has a member 'ppt/presentation.xml' that expands to 100 MB (limit 64 MB)"
    expected = f"{SIERRA}:{line}:11: error: template: 'templates/pptx/bomb.pptx' {reason}"
    assert_one_line(cli("validate", cwd=workspace), expected)
    build = cli("build", "sierra-probation-training", "-f", "md", cwd=workspace)
    assert_one_line(build, expected)
    check = cli("template", "check", "templates/pptx/bomb.pptx", cwd=workspace)
    assert_one_line(check, f"templates/pptx/bomb.pptx:1:1: error: template {reason}")


def test_a_docx_template_bomb_is_refused_by_validate(cli, workspace: Path) -> None:
    zip_bomb(workspace / "templates" / "docx" / "bomb.docx", "word/document.xml", base=REFERENCE_DOCX)
    text = (workspace / SIERRA).read_text(encoding="utf-8")
    (workspace / SIERRA).write_text(text + "docx_template: templates/docx/bomb.docx\n", encoding="utf-8")
    run = cli("validate", cwd=workspace)
    line = len(text.splitlines()) + 1
    expected = (
        f"{SIERRA}:{line}:16: error: docx_template: docx_template: 'templates/docx/bomb.docx' has a member "
        "'word/document.xml' that expands to 100 MB (limit 64 MB)"
    )
    assert_one_line(run, expected)


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({f"m{i}.xml": b"" for i in range(limits.MAX_MEMBERS + 1)}, "has 10,001 zip members (limit 10,000)"),
        ({"a.xml": b"\0" * (2 * limits.MB)}, "has a member 'a.xml' that expands 1,0"),
        ({"big.xml": os.urandom(9 * limits.MB // 2).hex().encode()}, "holds 9 MB of XML (limit 8 MB)"),
    ],
    ids=["members", "ratio", "xml"],
)
def test_each_zip_bound_is_checked_before_any_member_is_read(tmp_path: Path, members: dict, reason: str) -> None:
    path = tmp_path / "package.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    with pytest.raises(InputError) as caught:
        limits.check_zip_bounds(path, "deck")
    assert caught.value.problems[0].message.startswith(f"deck {reason}")
    assert caught.value.problems[0].path == path


def test_the_total_of_all_members_is_bounded() -> None:
    # Declared sizes, as the central directory gives them: 250 MB of pictures that do not compress.
    members = []
    for number in range(5):
        member = zipfile.ZipInfo(f"ppt/media/image{number}.png")
        member.file_size = member.compress_size = 50 * limits.MB
        members.append(member)
    assert limits.zip_bounds_problem(members) == "expands to 250 MB in all (limit 200 MB)"
    assert limits.zip_bounds_problem(members[:3]) is None


def test_a_zip_directory_of_millions_of_members_is_refused_before_zipfile_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "many.pptx"
    # An end record claiming a 50 MB central directory: zipfile would make one object per entry in it.
    path.write_bytes(b"\0" * 100 + b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 65535, 65535, 50 * limits.MB, 0, 0))
    with pytest.raises(InputError, match="has a zip directory of 50 MB"):
        limits.check_zip_bounds(path, "template")


def test_a_real_deck_and_word_document_are_within_bounds() -> None:
    for path in (DEFAULT_PPTX, REFERENCE_DOCX):
        limits.check_zip_bounds(path, "template")  # raises if not


# --- item 4: only regular files, size checked first ---------------------------------------------


def test_template_check_refuses_devices_fifos_folders_and_huge_files_without_reading_them(tmp_path: Path) -> None:
    fifo = tmp_path / "template.pptx"
    os.mkfifo(fifo)
    sparse = tmp_path / "sparse.pptx"
    with sparse.open("wb") as stream:
        stream.truncate(5 * 1024**3)  # 5 GB that take no disk space
    cases = {
        "/dev/zero": "/dev/zero:1:1: error: template is a device, not a regular file",
        fifo.name: "template.pptx:1:1: error: template is a FIFO (named pipe), not a regular file",
        sparse.name: "sparse.pptx:1:1: error: template is 5 GB (limit 100 MB)",
        ".": ".:1:1: error: template is a folder, not a file",
    }
    for argument, expected in cases.items():
        run = run_csec_builder("template", "check", str(argument), cwd=tmp_path, timeout=60)
        assert run.returncode == 1, run.stderr
        assert run.stderr.splitlines() == [expected]


def test_read_bounded_never_reads_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"x" * 2000)
    assert limits.read_bounded(path, "file", 2000) == b"x" * 2000
    with pytest.raises(InputError, match=r"is 2.0 KB \(limit 1000 bytes\)"):
        limits.read_bounded(path, "file", 1000)


# --- item 5: images ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height"), [(2**31 - 1, 2**31 - 1), (13000, 13000)], ids=["pillow-error", "pillow-warning"]
)
def test_a_logo_claiming_too_many_pixels_is_one_line_in_validate_and_build(
    cli, workspace: Path, width: int, height: int
) -> None:
    png_header(workspace / "templates" / "images" / "huge.png", width, height)
    line = set_logo(workspace, "templates/images/huge.png")
    expected = (
        f"{SIERRA}:{line}:9: error: logo: 'templates/images/huge.png' is {width:,} x {height:,} pixels "
        f"(limit {limits.MAX_IMAGE_PIXELS:,} pixels)"
    )
    for command in (["validate"], ["build", "sierra-probation-training", "-f", "md"]):
        run = run_csec_builder(*command, cwd=workspace)
        assert run.returncode == 1, run.stderr
        assert expected in (run.stdout + run.stderr).splitlines(), run.stdout + run.stderr
        assert "DecompressionBomb" not in run.stdout + run.stderr and "bug" not in run.stdout + run.stderr


def test_a_slide_image_claiming_too_many_pixels_is_reported_at_the_objective(cli, workspace: Path) -> None:
    png_header(workspace / "templates" / "images" / "huge.png", 20000, 20000)
    objective = workspace / "objectives" / "DEF-01.yaml"
    text = edit(objective, "  - title:", "  - image: templates/images/huge.png\n    alt_text: A chart\n    title:")
    run = cli("validate", cwd=workspace)
    expected = (
        f"objectives/DEF-01.yaml:{line_of(text, 'huge.png')}:12: error: image: 'templates/images/huge.png' "
        f"is 20,000 x 20,000 pixels (limit {limits.MAX_IMAGE_PIXELS:,} pixels)"
    )
    assert_one_line(run, expected)


def test_the_sample_logo_is_read_from_its_header() -> None:
    header = limits.check_image(REPO / "templates" / "images" / "sierra-logo.png", "logo")
    assert header.format == "PNG" and header.width * header.height > 0


# --- item 10 and the smaller ones: symlink loops, FIFOs and folders, layouts that are gone ---------


def test_a_symlink_loop_as_logo_or_template_is_one_line(cli, workspace: Path) -> None:
    loop(workspace / "templates" / "images" / "loop.png")
    loop(workspace / "templates" / "pptx" / "loop.pptx")
    logo_line = set_logo(workspace, "templates/images/loop.png")
    template_line = set_template(workspace, "templates/pptx/loop.pptx")
    for command in (["validate"], ["build", "sierra-probation-training", "-f", "md"]):
        run = cli(*command, cwd=workspace)
        assert run.exit_code == 1, run.output
        lines = run.output.splitlines()
        assert f"{SIERRA}:{logo_line}:9: error: logo: 'templates/images/loop.png' is a symlink loop" in lines
        assert f"{SIERRA}:{template_line}:11: error: template: 'templates/pptx/loop.pptx' is a symlink loop" in lines
    check = cli("template", "check", "templates/pptx/loop.pptx", cwd=workspace)
    assert_one_line(check, "templates/pptx/loop.pptx:1:1: error: template is a symlink loop")


def test_a_symlink_loop_among_the_objectives_and_contractors_is_one_line(cli, workspace: Path) -> None:
    loop(workspace / "objectives" / "LOOP-01.yaml")
    loop(workspace / "contractors" / "loop.yaml")
    for command in (["validate"], ["build", "-f", "md"]):
        run = cli(*command, cwd=workspace)
        assert run.exit_code == 1, run.output
        lines = run.output.splitlines()
        assert "objectives/LOOP-01.yaml:1:1: error: file is a symlink loop" in lines
        assert "contractors/loop.yaml:1:1: error: file is a symlink loop" in lines
        assert "bug" not in run.output


@pytest.mark.parametrize(
    ("kind", "reason"), [("fifo", "is a FIFO (named pipe), not a regular file"), ("folder", "is a folder, not a file")]
)
def test_a_fifo_or_folder_as_the_logo_says_what_it_is(cli, workspace: Path, kind: str, reason: str) -> None:
    path = workspace / "templates" / "images" / "odd.png"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    line = set_logo(workspace, "templates/images/odd.png")
    run = cli("validate", cwd=workspace)
    assert_one_line(run, f"{SIERRA}:{line}:9: error: logo: 'templates/images/odd.png' {reason}")


def test_a_template_whose_layouts_are_gone_is_one_line_everywhere(cli, workspace: Path) -> None:
    without_layouts(workspace / "templates" / "pptx" / "gutted.pptx")
    line = set_template(workspace, "templates/pptx/gutted.pptx")
    reason = (
        "templates/pptx/gutted.pptx: not a valid PowerPoint (.pptx) file (ppt/slideLayouts/slideLayout1.xml, "
        "named by ppt/slideMasters/_rels/slideMaster1.xml.rels, is missing)"
    )
    assert_one_line(cli("validate", cwd=workspace), f"{SIERRA}:{line}:11: error: {reason}")
    assert_one_line(
        cli("build", "sierra-probation-training", "-f", "md", cwd=workspace), f"{SIERRA}:{line}:11: error: {reason}"
    )
    assert_one_line(cli("template", "check", "templates/pptx/gutted.pptx", cwd=workspace), f"error: {reason}")


# --- item 13: docx_template is checked by validate ------------------------------------------------


def test_validate_opens_the_docx_template(cli, workspace: Path) -> None:
    (workspace / "templates" / "docx" / "notes.docx").write_text("just some notes", encoding="utf-8")
    text = (workspace / SIERRA).read_text(encoding="utf-8") + "docx_template: templates/docx/notes.docx\n"
    (workspace / SIERRA).write_text(text, encoding="utf-8")
    run = cli("validate", cwd=workspace)
    expected = (
        f"{SIERRA}:{len(text.splitlines())}:16: error: docx_template: templates/docx/notes.docx: "
        "not a Word document (.docx): it is not a zip package"
    )
    assert_one_line(run, expected)


# --- smaller: a UTF-16 file names its encoding ------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16 (little-endian)"),
        ("utf-16-le", "UTF-16 (little-endian, no byte order mark)"),
        ("utf-16-be", "UTF-16 (big-endian, no byte order mark)"),
        ("utf-32", "UTF-32 (little-endian)"),
    ],
)
def test_a_yaml_file_saved_as_utf16_names_its_encoding(cli, workspace: Path, encoding: str, name: str) -> None:
    path = workspace / "objectives" / "DEF-01.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    run = cli("validate", cwd=workspace)
    assert_one_line(
        run, f"objectives/DEF-01.yaml:1:1: error: file is {name} text, not UTF-8; save it with UTF-8 encoding"
    )
