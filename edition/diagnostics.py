"""Diagnostics: what every check reports, and how it is printed.

Library functions return lists of :class:`Diagnostic`; only the CLI decides how to print them
and which exit code follows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    hint: str = ""
    element: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """``path:line:column: error: [rule] message <element>`` and a hint, the jing/gcc shape.

        Control characters from file names or documents are escaped: a newline in a name must not
        forge a diagnostic line, nor an ESC sequence reach the terminal.
        """
        where = f" <{printable(self.element)}>" if self.element else ""
        hint = f"\n    hint: {printable(self.hint)}" if self.hint else ""
        return (f"{printable(self.path)}:{self.line}:{self.column}: {self.severity.value}: "
                f"[{printable(self.rule)}] {printable(self.message)}{where}{hint}")

    def as_dict(self) -> dict:
        return {**vars(self), "severity": self.severity.value}  # not asdict(): it deep-copies every field


def printable(text: str) -> str:
    """``text`` with control characters (C0, DEL, C1) written as escapes such as ``\\n``, ``\\x1b``."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def error(path: str | Path, line: int, column: int, rule: str, message: str, **extra) -> Diagnostic:
    return Diagnostic(str(path), line or 0, column or 0, Severity.ERROR, rule, message, **extra)


def warning(path: str | Path, line: int, column: int, rule: str, message: str, **extra) -> Diagnostic:
    return Diagnostic(str(path), line or 0, column or 0, Severity.WARNING, rule, message, **extra)


def to_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2)
