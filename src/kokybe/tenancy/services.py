"""Writes to municipalities, institutions, units, memberships and invitations. Each is atomic and audited."""

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_scopes import scope

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record, changes_between, snapshot
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution, Invitation, Membership, Municipality, Unit
from kokybe.tenancy.permissions import MUNICIPALITY_WIDE_ONLY, Role
from kokybe.tenancy.tasks import invitation_mail_task

INVITATION_VALID_FOR = timedelta(days=14)
NAME_FIELDS = ("name", "name_lt", "name_lv", "name_en")
INSTITUTION_FIELDS = (*NAME_FIELDS, "kind", "is_active")
UNIT_FIELDS = (*NAME_FIELDS, "is_active")


@transaction.atomic
def municipality_create(
    *, actor: User | None, slug: str, name: str, country: str, language: str, **names: str
) -> Municipality:
    taken = ServiceError(_("A municipality with this address name already exists."), field="slug")
    if Municipality.objects.filter(slug=slug).exists():
        raise taken
    try:
        with transaction.atomic():
            municipality = Municipality.objects.create(
                slug=slug, name=name, country=country, language=language, **names
            )
    except IntegrityError as error:
        raise taken from error
    audit_record(
        actor=actor,
        action="municipality.create",
        target=municipality,
        municipality_id=municipality.pk,
        changes=changes_between({}, snapshot(municipality, (*NAME_FIELDS, "slug", "country", "language"))),
        label=municipality.name,
    )
    return municipality


@transaction.atomic
def institution_create(*, actor: User | None, municipality: Municipality, **fields: Any) -> Institution:
    _lock_municipality(municipality.pk)
    slug = _free_slug(municipality, fields["name"])
    institution = Institution(municipality=municipality, slug=slug, **fields)
    institution.full_clean()
    institution.save()
    audit_record(
        actor=actor,
        action="institution.create",
        target=institution,
        municipality_id=municipality.pk,
        institution_id=institution.pk,
        changes=changes_between({}, snapshot(institution, (*INSTITUTION_FIELDS, "slug"))),
        label=institution.name,
    )
    return institution


@transaction.atomic
def institution_update(*, actor: User, institution: Institution, **fields: Any) -> Institution:
    institution = Institution.objects.select_for_update().get(pk=institution.pk)
    before = snapshot(institution, INSTITUTION_FIELDS)
    for name, value in fields.items():
        if name not in INSTITUTION_FIELDS:
            raise TypeError(f"institution_update does not change {name!r}")
        setattr(institution, name, value)
    institution.full_clean()
    institution.save()
    changed = changes_between(before, snapshot(institution, INSTITUTION_FIELDS))
    if changed:
        audit_record(
            actor=actor,
            action="institution.update",
            target=institution,
            municipality_id=institution.municipality_id,
            institution_id=institution.pk,
            changes=changed,
            label=institution.name,
        )
    return institution


@transaction.atomic
def unit_create(*, actor: User | None, institution: Institution, **fields: Any) -> Unit:
    _lock_municipality(institution.municipality_id)
    if Unit.objects.filter(institution=institution, name=fields["name"]).exists():
        raise ServiceError(_("This institution already has a unit with this name."), field="name")
    unit = Unit.objects.create(municipality_id=institution.municipality_id, institution=institution, **fields)
    audit_record(
        actor=actor,
        action="unit.create",
        target=unit,
        municipality_id=institution.municipality_id,
        institution_id=institution.pk,
        changes=changes_between({}, snapshot(unit, UNIT_FIELDS)),
        label=unit.name,
    )
    return unit


@transaction.atomic
def unit_update(*, actor: User, unit: Unit, **fields: Any) -> Unit:
    _lock_municipality(unit.municipality_id)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, UNIT_FIELDS)
    for name, value in fields.items():
        if name not in UNIT_FIELDS:
            raise TypeError(f"unit_update does not change {name!r}")
        setattr(unit, name, value)
    if Unit.objects.filter(institution_id=unit.institution_id, name=unit.name).exclude(pk=unit.pk).exists():
        raise ServiceError(_("This institution already has a unit with this name."), field="name")
    unit.save()
    changed = changes_between(before, snapshot(unit, UNIT_FIELDS))
    if changed:
        audit_record(
            actor=actor,
            action="unit.update",
            target=unit,
            municipality_id=unit.municipality_id,
            institution_id=unit.institution_id,
            changes=changed,
            label=unit.name,
        )
    return unit


@transaction.atomic
def membership_grant(
    *, actor: User | None, user: User, municipality: Municipality, role: str, institution: Institution | None
) -> Membership:
    """Give `user` a role; granting a role they already hold changes nothing."""
    _check_role_scope(role, institution, municipality)
    existing = Membership.objects.filter(user=user, municipality=municipality, role=role, institution=institution)
    if (membership := existing.first()) is not None:
        return membership
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, municipality=municipality, role=role, institution=institution
            )
    except IntegrityError:
        # The same grant, sent twice at once: the other request made it.
        return existing.get()
    audit_record(
        actor=actor,
        action="membership.grant",
        target=membership,
        municipality_id=municipality.pk,
        institution_id=institution.pk if institution else None,
        changes=changes_between({}, snapshot(membership, ("user", "role", "institution"))),
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: User, membership: Membership) -> None:
    _lock_municipality(membership.municipality_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Role.MUNICIPAL_COORDINATOR:
        coordinators = Membership.objects.filter(
            municipality_id=membership.municipality_id, role=Role.MUNICIPAL_COORDINATOR
        )
        if coordinators.count() <= 1:
            raise ServiceError(_("The municipality must keep at least one municipal coordinator."))
    audit_record(
        actor=actor,
        action="membership.revoke",
        target=membership,
        municipality_id=membership.municipality_id,
        institution_id=membership.institution_id,
        changes=changes_between(snapshot(membership, ("user", "role", "institution")), {}),
    )
    membership.delete()


@transaction.atomic
def invitation_create(
    *,
    actor: User | None,
    municipality: Municipality,
    email: str,
    role: str,
    institution: Institution | None,
    base_url: str,
) -> Invitation:
    """Invite `email` to join with `role`; inviting again while one is pending sends it anew."""
    _check_role_scope(role, institution, municipality)
    _lock_municipality(municipality.pk)
    email = email.strip().lower()
    pending = (
        Invitation.objects.filter(municipality=municipality, email=email, role=role, institution=institution)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if pending is not None:
        return invitation_resend(actor=actor, invitation=pending, base_url=base_url)
    invitation = Invitation.objects.create(
        municipality=municipality,
        institution=institution,
        email=email,
        role=role,
        invited_by=actor,
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )
    audit_record(
        actor=actor,
        action="invitation.create",
        target=invitation,
        municipality_id=municipality.pk,
        institution_id=institution.pk if institution else None,
        changes=changes_between({}, snapshot(invitation, ("email", "role", "institution"))),
    )
    _queue_mail(invitation, base_url)
    return invitation


@transaction.atomic
def invitation_resend(*, actor: User | None, invitation: Invitation, base_url: str) -> Invitation:
    """A new link and a new expiry date; the old link stops working at once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ServiceError(_("This invitation has already been accepted or withdrawn."))
    invitation.token_hash = None
    invitation.expires_at = timezone.now() + INVITATION_VALID_FOR
    invitation.save(update_fields=["token_hash", "expires_at"])
    audit_record(
        actor=actor,
        action="invitation.resend",
        target=invitation,
        municipality_id=invitation.municipality_id,
        institution_id=invitation.institution_id,
    )
    _queue_mail(invitation, base_url)
    return invitation


@transaction.atomic
def invitation_mail_send(*, invitation_id: int, base_url: str) -> None:
    """Mint the invitation's link and e-mail it (run by the background worker).

    The token exists only here and in the e-mail: the queue holds the invitation's id, the
    database the token's hash. If the mail server refuses, nothing is kept and the task fails.
    """
    invitation = (
        Invitation.objects.with_scopes_disabled()
        .select_for_update(of=("self",))
        .select_related("municipality", "institution")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_pending or invitation.token_hash is not None:
        return  # withdrawn, accepted, or already mailed by a twin of this task
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.save(update_fields=["token_hash"])
    audit_record(
        actor=None,
        action="invitation.mail",
        target=invitation,
        municipality_id=invitation.municipality_id,
        institution_id=invitation.institution_id,
    )
    link = base_url.rstrip("/") + reverse("invitation_accept", kwargs={"token": token})
    with translation.override(invitation.municipality.language):
        subject = _("Invitation to Kokybė: %(municipality)s") % {"municipality": invitation.municipality.display_name}
        body = render_to_string(
            "tenancy/email/invitation.txt",
            {"invitation": invitation, "link": link, "valid_days": INVITATION_VALID_FOR.days},
        )
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[invitation.email])


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ServiceError(_("This invitation has already been accepted or withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="invitation.revoke",
        target=invitation,
        municipality_id=invitation.municipality_id,
        institution_id=invitation.institution_id,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """`user` takes up the invitation; their e-mail must be the one invited.

    Runs in the invitation's municipality's scope: the newcomer opens the link from outside any.
    """
    with scope(municipality=invitation.municipality_id):
        return _invitation_accept(invitation, user)


def _invitation_accept(invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending or invitation.expires_at <= timezone.now():
        raise ServiceError(_("This invitation is no longer valid. Ask your coordinator to send a new one."))
    if user.email.lower() != invitation.email:
        raise ServiceError(_("This invitation was sent to another e-mail address."))
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        actor=user,
        action="invitation.accept",
        target=invitation,
        municipality_id=invitation.municipality_id,
        institution_id=invitation.institution_id,
    )
    return membership_grant(
        actor=user,
        user=user,
        municipality=invitation.municipality,
        role=invitation.role,
        institution=invitation.institution,
    )


@transaction.atomic
def user_register_by_invitation(
    *, invitation: Invitation, first_name: str, last_name: str, password: str
) -> tuple[User, Membership]:
    """Create the account of a newcomer who opened their invitation, and give them the role."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ServiceError(_("An account with this e-mail address already exists. Sign in to accept."))
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                invitation.email,
                password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                language=invitation.municipality.language,
            )
    except IntegrityError as error:
        raise ServiceError(_("An account with this e-mail address already exists. Sign in to accept.")) from error
    audit_record(
        actor=user,
        action="user.register",
        target=user,
        municipality_id=invitation.municipality_id,
        changes=changes_between({}, snapshot(user, ("email", "first_name", "last_name", "language"))),
    )
    return user, invitation_accept(invitation=invitation, user=user)


def _lock_municipality(municipality_id: int) -> None:
    """Serialise this municipality's check-then-write sequences (coordinator counts, free address
    names, pending invitations) so two requests at the same moment cannot both pass the check."""
    Municipality.objects.select_for_update().get(pk=municipality_id)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_role_scope(role: str, institution: Institution | None, municipality: Municipality) -> None:
    if Role(role) in MUNICIPALITY_WIDE_ONLY and institution is not None:
        raise ServiceError(
            _("This role covers the whole municipality; leave the institution empty."), field="institution"
        )
    if institution is not None and institution.municipality_id != municipality.pk:
        raise ServiceError(_("Choose an institution of this municipality."), field="institution")


def _free_slug(municipality: Municipality, name: str) -> str:
    base = slugify(name)[:50] or "institution"
    taken = set(Institution.objects.filter(municipality=municipality).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _queue_mail(invitation: Invitation, base_url: str) -> None:
    invitation_id = invitation.pk
    transaction.on_commit(lambda: invitation_mail_task.enqueue(invitation_id=invitation_id, base_url=base_url))
