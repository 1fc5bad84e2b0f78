"""The URL schemes a link from the data may have: one allowlist for the validator and the site."""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""Plain web and mail links; javascript:, data:, file: and the like never become a live link."""
DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
"""What no corpus may link to (its own prefixes such as pmb: are fine); the house rules allow only
``SAFE_SCHEMES``."""

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def scheme_of(value: str) -> str | None:
    """The scheme a browser reads in ``value``, lower-cased; ``None`` when it has none.

    Control characters and spaces are removed first, as browsers do, so ``java\\tscript:`` and
    `` JavaScript:`` are read as ``javascript``.
    """
    match = _SCHEME.match(_CONTROL.sub("", value))
    return match.group(1).lower() if match else None


def is_safe_url(value: str) -> bool:
    """``value`` has a scheme, and one of ``SAFE_SCHEMES``."""
    return scheme_of(value) in SAFE_SCHEMES
