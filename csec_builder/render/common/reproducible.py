"""Package metadata for every Office format: fixed zip entry times, dates taken from SOURCE_DATE_EPOCH,
and document properties that fit the package format."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import zipfile
from collections.abc import Iterable
from typing import Any

# Used when SOURCE_DATE_EPOCH is unset, so two builds of the same inputs never differ by a clock.
DEFAULT_EPOCH = 1767225600  # 2026-01-01T00:00:00Z

# A document property (title, author, keywords) holds at most 255 characters in a .pptx or .docx
# (python-pptx and python-docx refuse a longer one), however long the YAML value it comes from.
PROPERTY_LIMIT = 255


def property_text(text: str) -> str:
    """`text` cut to what a document property holds, with an ellipsis when it was longer."""
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1].rstrip() + "…"


def property_words(words: list[str]) -> str:
    """As many whole words (objective ids) as fit in a document property, in order."""
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > PROPERTY_LIMIT:
            break
        kept.append(word)
    return " ".join(kept)


def fixed_datetime() -> dt.datetime:
    """The build's timestamp: SOURCE_DATE_EPOCH when set (reproducible-builds.org), else a constant."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = int(raw) if raw.strip().isdigit() else DEFAULT_EPOCH
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).replace(tzinfo=None)


def zip_entries(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip package of (name, bytes) entries, in the order given, with fixed entry times and attributes."""
    stamp = max(fixed_datetime(), dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with _ReplayingZip(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            key = hashlib.sha256(data).digest()
            target.replay = _COMPRESSED.get(key)
            target.writestr(entry, data, compresslevel=6)
            if target.replay is None:
                _remember(key, out, entry.compress_size)
    return out.getvalue()


COMPRESSED_LIMIT = 4 * 1024 * 1024
"""Bytes of compressed entries kept per process: every part a run's packages share (a template's
masters, layouts, theme and pictures; a slide two decks both carry), without growing with the run."""
_COMPRESSED: dict[bytes, bytes] = {}
_kept = 0


class _ReplayingZip(zipfile.ZipFile):
    """A ZipFile that can write an entry from its compressed bytes, kept from an earlier identical entry.

    Deflate at one level is deterministic: the same bytes compress to the same stream, so a package
    many of whose parts another package already had (the same template's masters and layouts) is
    written byte for byte as before, without compressing those parts again. zipfile has no API for
    this: its entry writer is handed a compressor that gives the kept stream back; the name,
    CRC, sizes and headers are still computed and written by zipfile itself.
    """

    replay: bytes | None = None

    def open(self, name: Any, mode: str = "r", pwd: bytes | None = None, *, force_zip64: bool = False) -> Any:
        handle = super().open(name, mode, pwd, force_zip64=force_zip64)
        if mode == "w" and self.replay is not None and getattr(handle, "_compressor", None) is not None:
            handle._compressor = _Replay(self.replay)
        return handle


class _Replay:
    """Stands in for zlib's compressor: the kept stream for the entry's one write, nothing left to flush."""

    def __init__(self, stream: bytes) -> None:
        self.stream = stream

    def compress(self, data: bytes) -> bytes:
        stream, self.stream = self.stream, b""
        return stream

    def flush(self) -> bytes:
        return b""


def _remember(key: bytes, out: io.BytesIO, size: int) -> None:
    """Keep the compressed bytes of the entry just written (the last `size` bytes of `out`)."""
    global _kept
    if _kept + size > COMPRESSED_LIMIT:
        _COMPRESSED.clear()
        _kept = 0
    end = out.tell()
    with out.getbuffer() as view:
        _COMPRESSED[key] = bytes(view[end - size : end])
    _kept += size


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip package with fixed entry times and attributes, keeping the entry order.

    For packages written by other code; the deck writer zips once with `zip_entries` instead.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zip_entries((info.filename, source.read(info.filename)) for info in source.infolist())
