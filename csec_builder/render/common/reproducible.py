"""Package metadata for every Office format: fixed zip entry times, dates taken from SOURCE_DATE_EPOCH,
and document properties that fit the package format."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable

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
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data, compresslevel=6)
    return out.getvalue()


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip package with fixed entry times and attributes, keeping the entry order.

    For packages written by other code; the deck writer zips once with `zip_entries` instead.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zip_entries((info.filename, source.read(info.filename)) for info in source.infolist())
