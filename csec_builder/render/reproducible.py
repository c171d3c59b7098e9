"""Byte-identical output: fixed zip entry times and dates taken from SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

# Used when SOURCE_DATE_EPOCH is unset, so two builds of the same inputs never differ by a clock.
DEFAULT_EPOCH = 1767225600  # 2026-01-01T00:00:00Z


def fixed_datetime() -> dt.datetime:
    """The build's timestamp: SOURCE_DATE_EPOCH when set (reproducible-builds.org), else a constant."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = int(raw) if raw.strip().isdigit() else DEFAULT_EPOCH
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).replace(tzinfo=None)


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip package with fixed entry times and attributes, keeping the entry order."""
    stamp = max(fixed_datetime(), dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()
