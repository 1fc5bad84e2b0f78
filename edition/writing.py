"""Writing TEI back without loss, and writing any file atomically.

Every command that rewrites an editor's file goes through here: the result is written to a
temporary file beside the target, flushed to disk, and renamed over it, so a crash leaves either
the old file or the new one, never half of each; the old file is kept as a backup.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from lxml import etree

# What may precede the root element: the declaration, PIs, comments, a DOCTYPE, whitespace.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*", re.S)


def serialize(tree: etree._ElementTree, original: bytes | None = None) -> bytes:
    """The document as bytes, keeping the original prolog byte for byte.

    The declaration, ``<?xml-model?>`` instructions and comments before the root are copied from
    ``original`` as written (lxml would rewrite the declaration and drop the line breaks); the
    root is serialized by lxml, which keeps attribute order, comments, PIs, CDATA and whitespace.
    """
    encoding = tree.docinfo.encoding or "UTF-8"
    root = tree.getroot()
    body = etree.tostring(root, encoding=encoding, xml_declaration=False)
    if original is not None:
        prolog = _PROLOG.match(original).group(0)
    else:
        prolog = f'<?xml version="1.0" encoding="{encoding}"?>\n'.encode("ascii")
        prolog += b"".join(etree.tostring(node, encoding=encoding) + b"\n"
                           for node in reversed(list(root.itersiblings(preceding=True))))
    epilog = b"".join(b"\n" + etree.tostring(node, encoding=encoding) for node in root.itersiblings())
    if original is None or original.endswith(b"\n"):
        epilog += b"\n"
    return prolog + body + epilog


def write_atomically(path: str | Path, data: bytes, backup: bool = True) -> Path | None:
    """Replace ``path`` by ``data`` atomically; return the backup's path (``FILE.bak``) if one was kept."""
    path = Path(path)
    backup_path = None
    if backup and path.exists():
        backup_path = path.with_name(path.name + ".bak")
        shutil.copy2(path, backup_path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)
    return backup_path


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
