"""Files people send with a signal: which kinds are taken, how large, and a check of what a file really is.

The type is decided from the file's name and confirmed by its first bytes, never taken from what the
browser or the mail program claims: a program renamed to "letter.pdf" is refused.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kokybe.core.errors import ServiceError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 20 * 1024 * 1024
MAX_FILES = 5

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word and Excel files
KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    # extension: (content type, accepted first bytes; empty means plain text)
    "pdf": ("application/pdf", (b"%PDF",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "doc": ("application/msword", (OLE,)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    "odt": ("application/vnd.oasis.opendocument.text", (ZIP,)),
    "xls": ("application/vnd.ms-excel", (OLE,)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    "txt": ("text/plain", ()),
}
ACCEPT = ",".join(f".{extension}" for extension in KINDS)  # for <input type="file" accept=...>


@dataclass(frozen=True)
class IncomingFile:
    """A file as it arrived (a form upload or an e-mail part), before it is stored with the signal."""

    name: str
    content: bytes

    @property
    def extension(self) -> str:
        return PurePath(self.name).suffix.lower().lstrip(".")

    @property
    def content_type(self) -> str:
        return KINDS[self.extension][0]


def file_name_clean(name: str) -> str:
    """The last part of the name the person gave, without folders or control characters, at most 150 characters."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(character for character in base if character.isprintable()).strip(" .")
    if len(base) > 150:
        stem, dot, extension = base.rpartition(".")
        base = f"{stem[: 149 - len(extension)]}.{extension}" if dot else base[:150]
    return base or "file"


def _is_what_it_says(file: IncomingFile) -> bool:
    _content_type, starts = KINDS[file.extension]
    if not starts:
        try:
            file.content.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return b"\x00" not in file.content
    return file.content.startswith(starts)


def attachments_check(files: Sequence[IncomingFile]) -> None:
    """Refuse the whole sending, naming the file, if any file is of a kind or size not taken."""
    if len(files) > MAX_FILES:
        raise ServiceError(
            ngettext("Attach at most %(count)d file.", "Attach at most %(count)d files.", MAX_FILES)
            % {"count": MAX_FILES},
            field="attachments",
        )
    for file in files:
        if file.extension not in KINDS:
            raise ServiceError(
                _("“%(name)s” is not a kind of file we take. Send PDF, JPG, PNG, Word, OpenDocument, Excel or text.")
                % {"name": file.name},
                field="attachments",
            )
        if not file.content:
            raise ServiceError(_("“%(name)s” is empty.") % {"name": file.name}, field="attachments")
        if len(file.content) > MAX_FILE_BYTES:
            raise ServiceError(
                _("“%(name)s” is larger than %(megabytes)d MB.")
                % {"name": file.name, "megabytes": MAX_FILE_BYTES // (1024 * 1024)},
                field="attachments",
            )
        if not _is_what_it_says(file):
            raise ServiceError(
                _("“%(name)s” is not really a file of the kind its name says.") % {"name": file.name},
                field="attachments",
            )
    if sum(len(file.content) for file in files) > MAX_TOTAL_BYTES:
        raise ServiceError(
            _("The files together are larger than %(megabytes)d MB.") % {"megabytes": MAX_TOTAL_BYTES // (1024 * 1024)},
            field="attachments",
        )
