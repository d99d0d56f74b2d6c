"""A coordinator's stated reason to open a client record, and the record of every view of one."""

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent
from kokybe.audit.services import audit_record, personal_data_view_record
from kokybe.clients.access import OpenedClient
from kokybe.clients.models import Client, ClientAccessReason
from kokybe.core.errors import ServiceError

REASON_MIN_LENGTH = 10
REASON_SEPARATOR = "; reason: "
PAGE_LABELS: dict[str, Promise] = {
    "client record": gettext_lazy("Client record"),
    "client record: edit": gettext_lazy("Editing the record"),
    "client record: consent": gettext_lazy("Consents"),
    "client record: family link": gettext_lazy("Family links"),
    "client record: serving institutions": gettext_lazy("Serving institutions"),
    "client record: merge": gettext_lazy("Merging duplicates"),
    "subject-access report": gettext_lazy("Subject-access report"),
    "subject-access report (PDF)": gettext_lazy("Subject-access report, PDF copy"),
    "subject-access report (JSON)": gettext_lazy("Subject-access report, JSON copy"),
}
"""Readable names of the pages recorded by `client_view_record`; an app recording its own pages adds theirs with
`PAGE_LABELS.update(...)` in its AppConfig.ready() (a page without a label is shown as recorded)."""
REASON_LENGTH = 500


@transaction.atomic
def client_access_reason_give(*, actor: User, client: Client, reason: str) -> ClientAccessReason:
    """State why one opens a client's record one does not serve; the directors of the serving institutions see it."""
    reason = " ".join(reason.split())
    if len(reason) < REASON_MIN_LENGTH:
        raise ServiceError(
            _("Say why you need to open this record, in at least %(count)d characters.") % {"count": REASON_MIN_LENGTH},
            field="reason",
        )
    if len(reason) > REASON_LENGTH:
        raise ServiceError(_("Keep the reason under %(count)d characters.") % {"count": REASON_LENGTH}, field="reason")
    given = ClientAccessReason.objects.create(
        municipality_id=client.municipality_id, client=client, user=actor, reason=reason, at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="client.access_reason_give",
        target=given,
        municipality_id=client.municipality_id,
        changes={"client": {"from": None, "to": client.pk}, "reason": {"changed": True}},
    )
    return given


def client_view_record(*, actor: User, opened: OpenedClient, page: str) -> AuditEvent:
    """Record that `actor` looked at the client's data on `page` (a short English name of the page, e.g.
    "client record"), with the coordinator's reason when one was given. Every page or download that
    shows a client's personal data calls this once per request."""
    purpose = page if opened.reason is None else f"{page}{REASON_SEPARATOR}{opened.reason.reason}"
    return personal_data_view_record(
        actor=actor,
        target=opened.client,
        purpose=purpose[:200],
        municipality_id=opened.client.municipality_id,
        institution_id=opened.institution_id,
    )
