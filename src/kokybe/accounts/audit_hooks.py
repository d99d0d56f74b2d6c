"""Second factors are written by django-allauth, not by our services; these receivers put those
writes on the audit trail. Model signals fire inside the save, and allauth's views run in a
transaction (see kokybe.urls), so the record shares the change's transaction."""

from typing import Any

from allauth.mfa.models import Authenticator
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kokybe.audit.services import audit_record


@receiver(post_save, sender=Authenticator, dispatch_uid="audit_authenticator_added")
def authenticator_added(sender: type, instance: Authenticator, created: bool, **kwargs: Any) -> None:
    if created:
        _record("mfa.add", instance)


@receiver(post_delete, sender=Authenticator, dispatch_uid="audit_authenticator_removed")
def authenticator_removed(sender: type, instance: Authenticator, **kwargs: Any) -> None:
    _record("mfa.remove", instance)


def _record(action: str, authenticator: Authenticator) -> None:
    audit_record(
        actor=authenticator.user,
        action=action,
        target=authenticator,
        municipality_id=None,
        changes={
            "type": {"from": None, "to": authenticator.type}
            if action == "mfa.add"
            else {"from": authenticator.type, "to": None}
        },
    )
