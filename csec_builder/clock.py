"""Clock times as the YAML writes them ("09:00"), and minutes since midnight."""

from __future__ import annotations


def minutes_of(hh_mm: str) -> int:
    hours, minutes = hh_mm.split(":")
    return int(hours) * 60 + int(minutes)


def clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
