"""Checks on what assessors give as evidence: files of known kinds and sizes, links to the platform's own pages."""

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.core.files.uploadedfile import UploadedFile
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Municipality

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# Extension -> (the type it is served as, the first bytes such a file starts with; empty: plain text)
ACCEPTED: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    ".doc": ("application/msword", OLE),
    ".xls": ("application/vnd.ms-excel", OLE),
    ".txt": ("text/plain", ()),
    ".csv": ("text/csv", ()),
}
ACCEPT_ATTRIBUTE = ",".join(ACCEPTED)
MAX_LINKS = 10


def attachment_type(upload: UploadedFile, field: str) -> str:
    """The content type to store and serve the file as, if it is a kind we accept and is what it says."""
    name = upload.name or ""
    if upload.size is None or upload.size > MAX_ATTACHMENT_BYTES:
        raise ServiceError(
            _("“%(name)s” is larger than 10 MB. Attach a smaller file or a link to where it is kept.") % {"name": name},
            field=field,
        )
    extension = PurePosixPath(name.lower()).suffix
    if extension not in ACCEPTED:
        raise ServiceError(
            _("“%(name)s” is not a kind of file we accept. Attach PDF, Word, Excel, OpenDocument, image or text files.")
            % {"name": name},
            field=field,
        )
    content_type, signatures = ACCEPTED[extension]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if signatures and not any(head.startswith(signature) for signature in signatures):
        raise ServiceError(_("“%(name)s” is not the kind of file its name says.") % {"name": name}, field=field)
    if not signatures:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # a character cut in two at the end of the sample is fine
                raise ServiceError(_("“%(name)s” is not a plain text file.") % {"name": name}, field=field) from error
    return content_type


def platform_link(municipality: Municipality, text: str, field: str) -> str:
    """A link to a record of this municipality in the platform, kept as its path (and query)."""
    parts = urlsplit(text.strip())
    path = parts.path
    own_prefix = f"/m/{municipality.slug}/"
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if not path.startswith(own_prefix) or match is None or match.kwargs.get("municipality") != municipality.slug:
        raise ServiceError(
            _("“%(link)s” is not a page of this municipality in Kokybė. Copy the address of the page from the browser.")
            % {"link": text.strip()[:100]},
            field=field,
        )
    return f"{path}?{parts.query}" if parts.query else path
