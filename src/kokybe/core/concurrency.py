"""Two people editing the same record never silently overwrite each other.

An editable model carries `lock_version = models.PositiveIntegerField(default=0)`. Its edit form
carries the value it was shown in a hidden field (`LockVersionField`); the service calls
`version_claim(instance, shown)` inside its transaction before writing. If someone saved in the
meantime, the claim fails with `EditConflict` and nothing is written; the form is shown again
with the person's input and a message saying what happened.
"""

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError


class EditConflict(ServiceError):
    pass


class LockVersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: object) -> None:
        super().__init__(min_value=0, required=True, **kwargs)  # type: ignore[arg-type]


def version_claim(instance: models.Model, shown: int) -> None:
    """Bump `instance.lock_version` if it is still `shown`; otherwise raise EditConflict.

    Must run inside the transaction that writes the change, so a refused write leaves the
    version as it was, and two racing saves cannot both pass.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("version_claim must run inside the transaction that writes the change.")
    manager = type(instance)._base_manager
    claimed = manager.filter(pk=instance.pk, lock_version=shown).update(lock_version=F("lock_version") + 1)
    if not claimed:
        raise EditConflict(
            _(
                "Someone else saved this record while you were editing it. Your changes were not saved: "
                "open the record again to see the new version, then make your changes there."
            )
        )
    instance.lock_version = shown + 1  # type: ignore[attr-defined]
