"""Reading e-mails for the signal queue: parsing one message (.eml bytes) and fetching from an IMAP mailbox.

Parsing keeps what a signal needs: who wrote (name and address), the subject, the text (plain text
preferred; HTML reduced to text), the files, and the Message-ID, In-Reply-To and References headers
that tie a reply to its signal. Automatic mail (out-of-office replies, bounces, lists) is recognised
so it never becomes a signal, nor gets a receipt that could start a loop between two robots.

The mailbox is set in settings or the environment: KOKYBE_SIGNALS_IMAP_HOST, _PORT (993),
_USER, _PASSWORD and _FOLDER (INBOX); _TLS=0 allows a mail server on the same host without TLS.
Messages are fetched unread and marked read once recorded.
"""

import email
import imaplib
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import getaddresses, parsedate_to_datetime

from django.utils import timezone
from django.utils.html import strip_tags

from kokybe.inquiries.attachments import IncomingFile
from kokybe.inquiries.mail import setting

REFERENCE_IN_SUBJECT = re.compile(r"\[([A-Z0-9]{2,6}-\d{4}-\d{5})\]")
MESSAGE_ID = re.compile(r"<[^<>\s]+>")
REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|atb|ats|pers|persiųsta|aw|sv)\s*:\s*)+", re.IGNORECASE)
QUOTE_HEADER = re.compile(
    r"^(on .+wrote:|.+ rašė:|.+ rakstīja:|-+ ?original message ?-+|-+ ?pradinis laiškas ?-+|from: .+)$",
    re.IGNORECASE,
)
AUTOMATIC_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})


@dataclass(frozen=True)
class IncomingMail:
    message_id: str
    in_reply_to: list[str]
    references: list[str]
    subject: str
    sender_name: str
    sender_address: str
    text: str
    sent_at: datetime
    files: list[IncomingFile] = field(default_factory=list)
    is_automatic: bool = False

    @property
    def thread_ids(self) -> list[str]:
        """Message-IDs this mail answers, the nearest first."""
        ids = self.in_reply_to + list(reversed(self.references))
        return list(dict.fromkeys(ids))

    @property
    def subject_reference(self) -> str:
        found = REFERENCE_IN_SUBJECT.search(self.subject)
        return found.group(1) if found else ""

    @property
    def plain_subject(self) -> str:
        """The subject without "Re:"/"Fwd:" and without our "[KLA-2026-00042]"."""
        return REPLY_PREFIX.sub("", REFERENCE_IN_SUBJECT.sub("", self.subject)).strip()


def _ids(value: str | None) -> list[str]:
    return MESSAGE_ID.findall(str(value or ""))


def _sent_at(message: EmailMessage) -> datetime:
    try:
        moment = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError):
        return timezone.now()
    if moment.tzinfo is None or moment > timezone.now():
        return timezone.now()  # a sender's wrong clock must not put the signal in the future
    return moment


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = body.get_content()
    if body.get_content_subtype() == "html":
        content = strip_tags(re.sub(r"(?i)<br\s*/?>|</p>", "\n", content))
    return "\n".join(line.rstrip() for line in str(content).replace("\r\n", "\n").split("\n")).strip()


def _files(message: EmailMessage) -> list[IncomingFile]:
    files = []
    for part in message.iter_attachments():
        name = part.get_filename()
        if not name or not isinstance(part, EmailMessage):
            continue
        content = part.get_content()
        files.append(IncomingFile(name, content.encode() if isinstance(content, str) else bytes(content)))
    return files


def _is_automatic(message: EmailMessage) -> bool:
    auto_submitted = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (
        auto_submitted != "no"
        or precedence in AUTOMATIC_PRECEDENCE
        or "List-Id" in message
        or message.get_content_type() == "multipart/report"  # delivery status notifications
        or bool(message.get("X-Autoreply") or message.get("X-Autorespond"))
    )


def mail_parse(raw: bytes) -> IncomingMail:
    message = email.message_from_bytes(raw, policy=default_policy)
    assert isinstance(message, EmailMessage)
    [(name, address)] = getaddresses([str(message.get("Reply-To") or message.get("From") or "")])[:1] or [("", "")]
    return IncomingMail(
        message_id=(_ids(message.get("Message-ID")) or [""])[0],
        in_reply_to=_ids(message.get("In-Reply-To")),
        references=_ids(message.get("References")),
        subject=" ".join(str(message.get("Subject", "")).split()),
        sender_name=name.strip(),
        sender_address=address.strip().lower(),
        text=_text(message),
        sent_at=_sent_at(message),
        files=_files(message),
        is_automatic=_is_automatic(message),
    )


def reply_text_only(text: str) -> str:
    """The new part of a reply: without the quoted earlier mail ("> ..." lines, "On ... wrote:" and below)."""
    kept: list[str] = []
    for line in text.split("\n"):
        if QUOTE_HEADER.match(line.strip()):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line)
    return "\n".join(kept).strip() or text.strip()


@contextmanager
def imap_mailbox() -> Iterator[imaplib.IMAP4]:
    """The configured mailbox, logged in with its folder selected; logged out afterwards."""
    host = setting("KOKYBE_SIGNALS_IMAP_HOST")
    if not host:
        raise RuntimeError("Set KOKYBE_SIGNALS_IMAP_HOST (and _USER, _PASSWORD) to read a mailbox.")
    port = int(setting("KOKYBE_SIGNALS_IMAP_PORT", "993"))
    # Without TLS only to a mail server on this host (KOKYBE_SIGNALS_IMAP_TLS=0): no password crosses a network bare.
    if setting("KOKYBE_SIGNALS_IMAP_TLS", "1") == "0" and host in {"localhost", "127.0.0.1", "::1"}:
        connection: imaplib.IMAP4 = imaplib.IMAP4(host, port)
    else:
        connection = imaplib.IMAP4_SSL(host, port)
    try:
        connection.login(setting("KOKYBE_SIGNALS_IMAP_USER"), setting("KOKYBE_SIGNALS_IMAP_PASSWORD"))
        connection.select(setting("KOKYBE_SIGNALS_IMAP_FOLDER", "INBOX"))
        yield connection
    finally:
        with suppress(imaplib.IMAP4.error):
            connection.logout()


def unread_messages(connection: imaplib.IMAP4) -> Iterator[tuple[str, bytes]]:
    """(uid, raw message) of each unread message; fetching with BODY.PEEK leaves it unread until `mark_read`."""
    _status, data = connection.uid("SEARCH", "UNSEEN")
    for uid in (data[0] or b"").decode().split():
        _status, parts = connection.uid("FETCH", uid, "(BODY.PEEK[])")
        raw = next((part[1] for part in parts if isinstance(part, tuple)), None)
        if raw is not None:
            yield uid, raw


def mark_read(connection: imaplib.IMAP4, uid: str) -> None:
    connection.uid("STORE", uid, "+FLAGS", "(\\Seen)")
