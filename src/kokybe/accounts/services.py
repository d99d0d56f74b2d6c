from django.db import transaction

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between


@transaction.atomic
def user_set_language(*, actor: User, language: str) -> User:
    before = actor.language
    if before == language:
        return actor
    actor.language = language
    actor.full_clean(validate_unique=False)
    actor.save(update_fields=["language"])
    audit_record(
        actor=actor,
        action="user.language",
        target=actor,
        municipality_id=None,
        changes=changes_between({"language": before}, {"language": language}),
    )
    return actor
