"""Turn e-mails into signals: unread mail of the signals mailbox (IMAP), or .eml files given with --eml.

Run it every few minutes (cron or a timer). New e-mails become signals of the municipality (or of the
mailbox's institution) and their sender gets a receipt with the reference code and private link;
replies join their signal. Automatic mail (out-of-office, bounces, lists) is marked read and left out.
"""

import logging
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scope, scopes_disabled

from kokybe.inquiries.mail import receipt_email_send, reply_address, setting
from kokybe.inquiries.mailbox import IncomingMail, imap_mailbox, mail_parse, mark_read, unread_messages
from kokybe.inquiries.services.intake_mail import signal_mail_receive
from kokybe.tenancy.models import Institution, Municipality

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Read the signals mailbox (KOKYBE_SIGNALS_IMAP_*) or .eml files and record them as signals or replies."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipality",
            default=setting("KOKYBE_SIGNALS_MUNICIPALITY"),
            help="Address name of the municipality the mailbox belongs to (default: KOKYBE_SIGNALS_MUNICIPALITY).",
        )
        parser.add_argument(
            "--institution",
            default=setting("KOKYBE_SIGNALS_INSTITUTION"),
            help="Address name of the institution whose mailbox it is; empty: the municipality queue.",
        )
        parser.add_argument("--eml", nargs="+", type=Path, help="Read these .eml files instead of the mailbox.")

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            municipality = Municipality.objects.filter(slug=options["municipality"] or "").first()
            if municipality is None:
                raise CommandError("Name the municipality: --municipality <address name>.")
            institution = None
            if options["institution"]:
                institution = Institution.objects.filter(municipality=municipality, slug=options["institution"]).first()
                if institution is None:
                    raise CommandError(f"No institution {options['institution']!r} in {municipality.slug}.")
        counts = {"new": 0, "replies": 0, "skipped": 0, "failed": 0}
        if options["eml"]:
            for path in options["eml"]:
                self._record_safely(municipality, institution, path.read_bytes(), counts, str(path))
        else:
            with imap_mailbox() as connection:
                for uid, raw in unread_messages(connection):
                    if self._record_safely(municipality, institution, raw, counts, f"uid {uid}"):
                        mark_read(connection, uid)
        summary = f"{counts['new']} new signals, {counts['replies']} replies, {counts['skipped']} left out."
        if counts["failed"]:
            summary += f" {counts['failed']} could not be recorded (left unread; see the log)."
        self.stdout.write(summary)

    def _record_safely(
        self,
        municipality: Municipality,
        institution: Institution | None,
        raw: bytes,
        counts: dict[str, int],
        name: str,
    ) -> bool:
        """One message that cannot be recorded must not hold up the others; it stays unread for a later run."""
        try:
            self._record(municipality, institution, raw, counts)
        except Exception:
            logger.exception("Mail %s could not be recorded as a signal", name)  # no content or address logged
            counts["failed"] += 1
            return False
        return True

    def _record(
        self, municipality: Municipality, institution: Institution | None, raw: bytes, counts: dict[str, int]
    ) -> None:
        mail = mail_parse(raw)
        if _left_out(mail):
            counts["skipped"] += 1
            return
        with scope(municipality=municipality.pk):
            outcome = signal_mail_receive(municipality=municipality, institution=institution, mail=mail)
        if outcome.already_recorded:
            counts["skipped"] += 1
            return
        if not outcome.is_new:
            counts["replies"] += 1
            return
        counts["new"] += 1
        try:
            receipt_email_send(signal=outcome.signal, access_token=outcome.access_token)
        except OSError:
            # The signal is recorded; the receipt is a courtesy. Logged without the person's address.
            logger.exception("Receipt for signal %s could not be sent", outcome.signal.reference)


def _left_out(mail: IncomingMail) -> bool:
    """Robots' mail, our own mail coming back, and empty mail do not become signals."""
    own = reply_address().rpartition("<")[2].rstrip(">").strip().lower()
    return mail.is_automatic or mail.sender_address == own or not (mail.text or mail.subject or mail.files)
