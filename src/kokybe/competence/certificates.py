"""Certificate files: PDF, JPEG or PNG, recognised by their first bytes, not only by their name."""

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError

MAX_CERTIFICATE_BYTES = 5 * 2**20
# The content type each format's file signature stands for, and the endings such a file may have.
SIGNATURES = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
)


def certificate_type(upload: UploadedFile) -> str:
    """The file's content type if it is an acceptable certificate; otherwise a ServiceError."""
    name = (upload.name or "").lower()
    if upload.size is not None and upload.size > MAX_CERTIFICATE_BYTES:
        raise ServiceError(
            _("The file is larger than %(mb)d MB: scan it at a lower resolution.")
            % {"mb": MAX_CERTIFICATE_BYTES // 2**20},
            field="certificate",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head:
        raise ServiceError(_("The file is empty."), field="certificate")
    for signature, content_type, endings in SIGNATURES:
        if head.startswith(signature):
            if not name.endswith(endings):
                raise ServiceError(
                    _("The file's name does not match its content: name it %(ending)s.") % {"ending": endings[0]},
                    field="certificate",
                )
            return content_type
    raise ServiceError(_("The certificate must be a PDF, JPEG or PNG file."), field="certificate")
