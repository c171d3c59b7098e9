"""Input bounds: how big, and what kind of file, csec-builder agrees to read.

Every file a user names (a template, a Word reference document, a logo, a slide image, a deck or document
the audit reads) is checked here before its bytes are read, so a hostile or mistaken file ends in one
clear line instead of a hang (a FIFO, /dev/zero), a machine out of memory (a zip bomb, a 5 GB sparse file)
or a traceback (Pillow's decompression-bomb error). The limits are stated in docs/errors.md.

Each check raises `InputError` with one Problem at the file's own path; `exc.message` says the same
with the path in it, for a caller that reports it at the YAML line that names the file.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn

from .problems import InputError, display_path, error

MB = 1024 * 1024

MAX_PACKAGE_BYTES = 100 * MB
"""A .pptx, .potx or .docx on disk."""
MAX_IMAGE_BYTES = 50 * MB
MAX_PDF_BYTES = 100 * MB
MAX_TEXT_BYTES = 10 * MB
"""A YAML or other text file."""

MAX_MEMBERS = 10_000
"""Parts in one zip package: a 1,000-slide deck has about 3,000."""
MAX_MEMBER_BYTES = 64 * MB
"""One part, uncompressed (a picture or a video in a template)."""
MAX_TOTAL_BYTES = 200 * MB
"""All parts together, uncompressed."""
MAX_XML_BYTES = 8 * MB
"""All XML parts together, uncompressed. python-pptx and python-docx parse every XML part when they open a
package, and lxml takes up to about 30 times an XML part's size in memory (measured: benchmarks/hostile_memory.py),
so this bounds a package's memory to about 250 MB. A built 150-slide deck holds 1.3 MB of XML."""
MAX_RATIO = 100
"""How many times its compressed size a part may expand to, for parts above RATIO_FLOOR_BYTES."""
RATIO_FLOOR_BYTES = 1 * MB
"""Small parts may compress very well (a page of spaces) without being a threat."""
MAX_CENTRAL_DIRECTORY_BYTES = 4 * MB
"""Read before zipfile builds one object per member, so a directory of millions of members is refused first."""

MAX_IMAGE_PIXELS = 50_000_000
"""Fifty megapixels: above any camera a logo comes from, and below Pillow's own decompression-bomb warning."""


# --- regular files ---------------------------------------------------------------------------


def check_regular_file(path: Path, what: str, max_bytes: int) -> None:
    """Raise InputError unless `path` is a regular file (symlinks followed) of at most `max_bytes` bytes.

    A folder, a FIFO, a device, a socket, a symlink loop, a missing file and a file too large each get
    their own reason. Nothing is opened, so a FIFO cannot block and a device cannot be read.
    """
    try:
        info = path.stat()
    except OSError as exc:
        _refuse(path, what, _stat_failure(path, exc))
    _check_kind_and_size(path, what, info, max_bytes)


def read_bounded(path: Path, what: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, checked on the open file itself.

    The file is opened without blocking (a FIFO put in its place after a check cannot hang the read) and
    checked through its descriptor, and never more than `max_bytes` + 1 bytes are read.
    """
    with open_bounded(path, what, max_bytes) as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew after it was checked
        _refuse(path, what, f"is larger than {describe_bytes(max_bytes)}, the limit")
    return data


def open_bounded(path: Path, what: str, max_bytes: int) -> IO[bytes]:
    """A binary stream on a regular file of at most `max_bytes` (see `read_bounded`)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        _refuse(path, what, _stat_failure(path, exc))
    try:
        _check_kind_and_size(path, what, os.fstat(descriptor), max_bytes)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _check_kind_and_size(path: Path, what: str, info: os.stat_result, max_bytes: int) -> None:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        _refuse(path, what, "is a folder, not a file")
    if stat.S_ISFIFO(mode):
        _refuse(path, what, "is a FIFO (named pipe), not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        _refuse(path, what, "is a device, not a regular file")
    if stat.S_ISSOCK(mode):
        _refuse(path, what, "is a socket, not a regular file")
    if not stat.S_ISREG(mode):
        _refuse(path, what, "is not a regular file")
    if info.st_size > max_bytes:
        _refuse(path, what, f"is {describe_bytes(info.st_size)} (limit {describe_bytes(max_bytes)})")


def _stat_failure(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symlink loop"
    if exc.errno == errno.ENOENT:
        return "is a broken symlink (what it points to does not exist)" if path.is_symlink() else "does not exist"
    if exc.errno == errno.ENOTDIR:
        return "does not exist (a folder on its path is a file)"
    return f"cannot be read: {exc.strerror or exc}"


def kind_of(path: Path) -> str | None:
    """What `path` is when it is not a regular file ("is a folder, not a file"), else None."""
    try:
        check_regular_file(path, "", 2**63)
    except LimitError as exc:
        return exc.reason
    return None


# --- zip packages (.pptx, .potx, .docx) ----------------------------------------------------------


def check_zip_bounds(path: Path, what: str, max_bytes: int = MAX_PACKAGE_BYTES) -> None:
    """Raise InputError unless the zip package at `path` stays within every bound, judged from its central
    directory before any part is read: the directory's size, the member count, each member's uncompressed
    size and ratio, the total, and the total of the XML parts.

    Python's zipfile never returns more than a member's declared size (a member that lies fails its CRC),
    so the declared sizes bound what any later reader gets.
    """
    with open_bounded(path, what, max_bytes) as stream:
        _check_zip_stream(stream, path, what)


def check_zip_data(data: bytes, path: Path, what: str) -> None:
    """`check_zip_bounds` for a package already read (with `read_bounded`): the bytes that will be parsed."""
    _check_zip_stream(io.BytesIO(data), path, what)


def _check_zip_stream(stream: IO[bytes], path: Path, what: str) -> None:
    directory = _central_directory_size(stream)
    if directory is None:
        _refuse(path, what, "is not a zip package (so not an Office document)")
    if directory > MAX_CENTRAL_DIRECTORY_BYTES:
        limit = describe_bytes(MAX_CENTRAL_DIRECTORY_BYTES)
        _refuse(path, what, f"has a zip directory of {describe_bytes(directory)} (limit {limit})")
    try:
        with zipfile.ZipFile(stream) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        _refuse(path, what, f"is a damaged zip package ({exc})")
    reason = zip_bounds_problem(members)
    if reason:
        _refuse(path, what, reason)


def zip_bounds_problem(members: list[zipfile.ZipInfo]) -> str | None:
    """Why these members exceed a bound ("member 'x' expands to 768 MB (limit 64 MB)"), or None."""
    if len(members) > MAX_MEMBERS:
        return f"has {len(members):,} zip members (limit {MAX_MEMBERS:,})"
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            return (
                f"has a member '{member.filename}' that expands to {describe_bytes(member.file_size)} "
                f"(limit {describe_bytes(MAX_MEMBER_BYTES)})"
            )
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            return (
                f"has a member '{member.filename}' that expands {ratio:,} times its compressed size "
                f"(limit {MAX_RATIO} times): it may be a zip bomb"
            )
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        return f"expands to {describe_bytes(total)} in all (limit {describe_bytes(MAX_TOTAL_BYTES)})"
    xml = sum(member.file_size for member in members if _is_xml(member.filename))
    if xml > MAX_XML_BYTES:
        return f"holds {describe_bytes(xml)} of XML (limit {describe_bytes(MAX_XML_BYTES)})"
    return None


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


END_OF_DIRECTORY = b"PK\x05\x06"
ZIP64_LOCATOR = b"PK\x06\x07"
ZIP64_END = b"PK\x06\x06"


def _central_directory_size(stream: IO[bytes]) -> int | None:
    """The size the zip's end record gives its central directory, or None when the file is not a zip."""
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    start = max(0, size - (22 + 0xFFFF))  # the end record (22 bytes) and its comment (at most 64 KB)
    stream.seek(start)
    tail = stream.read()
    at = tail.rfind(END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < 22:
        return None
    (directory,) = struct.unpack("<I", tail[at + 12 : at + 16])
    if directory != 0xFFFFFFFF or at < 20 or tail[at - 20 : at - 16] != ZIP64_LOCATOR:
        return int(directory)
    (offset,) = struct.unpack("<Q", tail[at - 12 : at - 4])  # the Zip64 end record's offset in the file
    stream.seek(offset)
    record = stream.read(56)
    if len(record) < 56 or record[:4] != ZIP64_END:
        return None
    (directory,) = struct.unpack("<Q", record[40:48])
    return int(directory)


# --- images -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageHeader:
    format: str
    """PNG, JPEG or GIF."""
    width: int
    height: int


def image_header(path: Path, what: str, max_pixels: int = MAX_IMAGE_PIXELS) -> ImageHeader:
    """The format and size of a PNG, JPEG or GIF image, read from its header alone, within `max_pixels`.

    The format's own Pillow reader is used directly: `Image.open` would check Pillow's decompression-bomb
    limit itself and raise or warn in its own words; here the one message is ours.
    """
    return _read_image(path, what, max_pixels, verify=False)


def check_image(path: Path, what: str, max_pixels: int = MAX_IMAGE_PIXELS) -> ImageHeader:
    """`image_header`, and the whole file checked for damage (chunk checksums) without decoding a pixel."""
    return _read_image(path, what, max_pixels, verify=True)


def _read_image(path: Path, what: str, max_pixels: int, verify: bool) -> ImageHeader:
    with open_bounded(path, what, MAX_IMAGE_BYTES) as stream:
        reader = _image_reader(stream.read(8))
        if reader is None:
            _refuse(path, what, "is not a PNG, JPEG or GIF image (judged by its content)")
        stream.seek(0)
        name = _FORMAT_NAMES[reader.__name__]
        try:
            with reader(stream) as image:
                width, height = (int(side) for side in image.size)
                if width * height > max_pixels:
                    _refuse(path, what, f"is {width:,} x {height:,} pixels (limit {max_pixels:,} pixels)")
                if verify:
                    image.verify()
        except InputError:
            raise
        except Exception:  # Pillow raises many types (SyntaxError, struct.error, ...) for a damaged image
            _refuse(path, what, f"is a damaged {name} image")
    return ImageHeader(name, width, height)


_FORMAT_NAMES = {"PngImageFile": "PNG", "JpegImageFile": "JPEG", "GifImageFile": "GIF"}


def _image_reader(magic: bytes):  # type: ignore[no-untyped-def]
    """Pillow's reader class for the image format whose signature `magic` starts with, if we accept it."""
    if magic.startswith(b"\x89PNG\r\n\x1a\n"):
        from PIL.PngImagePlugin import PngImageFile

        return PngImageFile
    if magic.startswith(b"\xff\xd8\xff"):
        from PIL.JpegImagePlugin import JpegImageFile

        return JpegImageFile
    if magic.startswith((b"GIF87a", b"GIF89a")):
        from PIL.GifImagePlugin import GifImageFile

        return GifImageFile
    return None


# --- messages ---------------------------------------------------------------------------------


class LimitError(InputError):
    """A file refused by a bound: `reason` is the message without the file's name ("is a folder, not a file")."""

    def __init__(self, path: Path, what: str, reason: str) -> None:
        label = f"{what}: " if what else ""
        super().__init__(f"{label}'{display_path(path)}' {reason}", [error(path, f"{what or 'file'} {reason}")])
        self.path = path
        self.what = what
        self.reason = reason


def _refuse(path: Path, what: str, reason: str) -> NoReturn:
    raise LimitError(path, what, reason)


def describe_bytes(count: int) -> str:
    """'768 MB', '1.5 GB', '900 KB': sizes as people read them (binary units, as file managers count)."""
    for unit, size in (("GB", 1024**3), ("MB", MB), ("KB", 1024)):
        if count >= size:
            value = count / size
            return f"{value:.0f} {unit}" if value >= 10 or value == int(value) else f"{value:.1f} {unit}"
    return f"{count} bytes"
