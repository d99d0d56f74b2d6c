"""The person's rating of the answer to their signal, from the status page or the e-mail's link."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.inquiries.models import EventKind, Signal, Status
from kokybe.inquiries.services.history import step_record

COMMENT_LENGTH = 3000


@transaction.atomic
def signal_rate(*, signal: Signal, rating: int, comment: str = "", at: datetime | None = None) -> Signal:
    """Record the person's rating (1-5) and comment once the signal is closed; a signal is rated once."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.status != Status.CLOSED:
        raise ServiceError(_("The answer can be rated once the case is closed."))
    if signal.rating is not None:
        raise ServiceError(_("This answer has already been rated. Thank you!"))
    if not 1 <= rating <= 5:
        raise ServiceError(_("Choose a rating from 1 to 5."), field="rating")
    signal.rating = rating
    signal.rating_comment = comment.strip()[:COMMENT_LENGTH]
    signal.rated_at = at or timezone.now()
    signal.save(update_fields=["rating", "rating_comment", "rated_at"])
    step_record(
        actor=None,
        signal=signal,
        kind=EventKind.RATED,
        at=signal.rated_at,
        action="signal.rate",
        changes={"rating": {"from": None, "to": rating}, **({"comment": {"changed": True}} if comment else {})},
        detail={"rating": rating},
    )
    return signal
