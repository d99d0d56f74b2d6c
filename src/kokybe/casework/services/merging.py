"""The merge step of the client register: a duplicate's courses go to the kept record."""

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.casework.models import ServiceCourse
from kokybe.clients.models import Client


def service_courses_move(*, actor: User, kept: Client, duplicate: Client) -> None:
    """Run inside `client_merge`'s transaction; each moved course is audited, so its trail says whose it was."""
    courses = ServiceCourse.objects.filter(municipality_id=kept.municipality_id, client=duplicate)
    for course in courses:
        course.client = kept
        course.save(update_fields=["client"])
        audit_record(
            actor=actor,
            action="service_course.merge_move",
            target=course,
            municipality_id=course.municipality_id,
            institution_id=course.institution_id,
            changes={"client": {"from": duplicate.pk, "to": kept.pk}},
        )
