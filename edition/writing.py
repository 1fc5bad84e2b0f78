"""Writing TEI back without loss, and writing any file atomically.

Every command that rewrites an editor's file goes through here: the result is written to a
temporary file beside the target, flushed to disk, and renamed over it, so a crash leaves either
the old file or the new one, never half of each; the old file is kept as a backup.
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import tempfile
from pathlib import Path

from lxml import etree

# What may precede the root element: the declaration, PIs, comments, a DOCTYPE, whitespace.
_PROLOG = re.compile(r"(?>\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*+", re.S)
_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def serialize(tree: etree._ElementTree, original: bytes | None = None) -> bytes:
    """The document as bytes, keeping the original prolog, encoding, BOM and line ends.

    The declaration, ``<?xml-model?>`` instructions and comments before the root are copied from
    ``original`` as written (lxml would rewrite the declaration and drop the line breaks); the
    root is serialized by lxml, which keeps attribute order, comments, PIs, CDATA and whitespace.
    Works on text, not bytes, so that UTF-16 files round-trip as well as UTF-8 ones.
    """
    encoding = tree.docinfo.encoding or "UTF-8"
    root = tree.getroot()
    body = etree.tostring(root, encoding="unicode")
    body += "".join("\n" + etree.tostring(node, encoding="unicode") for node in root.itersiblings())
    if original is None:
        prolog = f'<?xml version="1.0" encoding="{encoding}"?>\n'
        prolog += "".join(etree.tostring(node, encoding="unicode") + "\n"
                          for node in reversed(list(root.itersiblings(preceding=True))))
        return (prolog + body + "\n").encode(encoding, "xmlcharrefreplace")
    bom = next((mark for mark in _BOMS if original.startswith(mark)), b"")
    codec = _codec(encoding, bom, original)
    text = original[len(bom):].decode(codec)
    prolog = _PROLOG.match(text).group(0)
    if root.getnext() is None:  # keep the original ending (none, one or more line breaks)
        body += text[len(text.rstrip()):]
    elif text.endswith("\n"):
        body += "\n"
    if "\r\n" in text and text.count("\r\n") == text.count("\n"):  # a Windows file stays one
        body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return bom + (prolog + body).encode(codec, "xmlcharrefreplace")


def _codec(encoding: str, bom: bytes, original: bytes) -> str:
    """Python's codec for the document's bytes after the byte-order mark."""
    for mark, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if bom == mark:
            return codec
    if bom == codecs.BOM_UTF8:
        return "utf-8"
    if encoding.upper() in ("UTF-16", "UTF-32"):  # no BOM: the declaration's own bytes tell the order
        width = 2 if encoding.upper() == "UTF-16" else 4
        order = "be" if original[:width].endswith(b"<") else "le"
        return f"utf-{width * 8}-{order}"
    return encoding


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
        else:  # mkstemp makes 0600; a new file gets the usual permissions
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)
    return backup_path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
