"""What a ``date`` says, normalised: its label, its span of years, where it sorts.

The chronology places vague and ranged dates honestly: a decade is a span, not its first year.
"""

from __future__ import annotations

import re

_ISO = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")


def is_iso(value: str) -> bool:
    return bool(_ISO.match(value or ""))


def year_of(value: str) -> int | None:
    return int(value[:5] if value.startswith("-") else value[:4]) if is_iso(value) else None


def kind(attributes: dict) -> str:
    """``exact``, ``range`` (from/to), ``vague`` (notBefore/notAfter) or ``none``."""
    if is_iso(attributes.get("when", "")) or is_iso(attributes.get("when-iso", "")):
        return "exact"
    if is_iso(attributes.get("from", "")) or is_iso(attributes.get("to", "")):
        return "range"
    if is_iso(attributes.get("notBefore", "")) or is_iso(attributes.get("notAfter", "")):
        return "vague"
    return "none"


def bounds(attributes: dict) -> tuple[str, str]:
    """(earliest, latest) ISO values; either may be empty for an open span."""
    k = kind(attributes)
    if k == "exact":
        value = attributes.get("when") if is_iso(attributes.get("when", "")) else attributes.get("when-iso")
        return value, value
    if k == "range":
        return attributes.get("from", ""), attributes.get("to", "")
    if k == "vague":
        return attributes.get("notBefore", ""), attributes.get("notAfter", "")
    return "", ""


def years(attributes: dict) -> tuple[int, int] | None:
    """The span of years a date covers, open ends closed on the known one."""
    start, end = bounds(attributes)
    first, last = year_of(start), year_of(end)
    if first is None and last is None:
        return None
    return (first if first is not None else last, last if last is not None else first)


def label(attributes: dict) -> str:
    """The normalised value as readers see it: ``1928-01``, ``1926 – 1928``, ``between 1920 and 1929``."""
    start, end = bounds(attributes)
    k = kind(attributes)
    if k == "exact":
        text = start
    elif k == "range":
        text = f"{start or '…'} – {end or '…'}"
    elif k == "vague":
        if start and end:
            text = f"between {start} and {end}"
        else:
            text = f"not before {start}" if start else f"not after {end}"
    else:
        return ""
    certainty = attributes.get("cert")
    if certainty and certainty != "high":
        text += f" ({certainty} certainty)"
    return text


def sort_key(attributes: dict) -> tuple:
    """Earliest bound first; at equal starts, exact dates before spans, shorter spans first."""
    start, end = bounds(attributes)
    start = start or end
    return (year_of(start) or 0, {"exact": 0, "range": 1, "vague": 2}.get(kind(attributes), 3), start, end)


def machine_value(attributes: dict) -> str:
    """A valid HTML ``datetime`` value for an exact date, else ``""``."""
    if kind(attributes) == "exact":
        value = bounds(attributes)[0]
        return value if not value.startswith("-") else ""
    return ""
