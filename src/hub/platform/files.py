"""Uploaded files: what a file really is, judged by its content, not its name or the type the
browser claims."""

from __future__ import annotations

import io
import zipfile

_SIGNATURES: tuple[tuple[bytes, str, tuple[str, ...]], ...] = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword", (".doc", ".xls", ".msg")),
)
_OFFICE_ZIP = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
}
_TEXT = {".txt": "text/plain", ".eml": "message/rfc822", ".csv": "text/csv"}


def attachment_type(name: str, content: bytes) -> str | None:
    """The content type of an allowed file, judged by what it holds, not what it says it is;
    None when it is not a kind we accept (or its name and content disagree)."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for signature, content_type, suffixes in _SIGNATURES:
        if content.startswith(signature):
            return content_type if suffix in suffixes else None
    if content.startswith(b"PK\x03\x04") and suffix in _OFFICE_ZIP:
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        return _OFFICE_ZIP[suffix] if names & {"[Content_Types].xml", "mimetype"} else None
    if suffix in _TEXT and b"\x00" not in content:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return _TEXT[suffix]
    return None
