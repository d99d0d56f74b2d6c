"""Loads the demo through the same services people use, so the audit trail shows it too. Idempotent."""

from itertools import cycle

from django.db import transaction
from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.demo import data
from kokybe.demo.analytics import analytics_load
from kokybe.demo.appointments import appointments_load
from kokybe.demo.assessments import assessments_load
from kokybe.demo.casework import casework_load
from kokybe.demo.catalogue import catalogue_load
from kokybe.demo.charter import charter_load
from kokybe.demo.clients import clients_load
from kokybe.demo.competence import competence_load
from kokybe.demo.eventlogs import eventlogs_load
from kokybe.demo.improvement import improvement_load
from kokybe.demo.individualplans import individualplans_load
from kokybe.demo.inquiries import inquiries_load
from kokybe.demo.knowledge import knowledge_load
from kokybe.demo.nonconformities import nonconformities_load
from kokybe.demo.outcomes import outcomes_load
from kokybe.demo.proposals import proposals_load
from kokybe.demo.surveys import surveys_load
from kokybe.tenancy import services
from kokybe.tenancy.models import Institution, Membership, Municipality, Unit


@scopes_disabled()
def demo_load() -> None:
    with transaction.atomic():
        for spec in data.MUNICIPALITIES:
            _municipality(spec)
        for account in data.ACCOUNTS:
            _account(account)
        _colleagues()
        surveys_load()
        proposals_load()
        assessments_load()
        competence_load()
        improvement_load()
        nonconformities_load()
        catalogue_load()
        knowledge_load()
        inquiries_load()
        eventlogs_load()
        clients_load()
        outcomes_load()
        individualplans_load()
        casework_load()
        appointments_load()
        analytics_load()
        charter_load()


def _municipality(spec: data.MunicipalitySpec) -> Municipality:
    municipality = Municipality.objects.filter(slug=spec.slug).first()
    if municipality is None:
        municipality = services.municipality_create(
            actor=None, slug=spec.slug, name=spec.name, country=spec.country, language=spec.language, **spec.names
        )
    existing = {i.name: i for i in Institution.objects.filter(municipality=municipality)}
    for institution_spec in spec.institutions:
        institution = existing.get(institution_spec.name)
        if institution is None:
            institution = services.institution_create(
                actor=None,
                municipality=municipality,
                name=institution_spec.name,
                kind=institution_spec.kind,
                **institution_spec.names,
            )
        units = set(Unit.objects.filter(institution=institution).values_list("name", flat=True))
        for unit_name in institution_spec.units:
            if unit_name not in units:
                services.unit_create(actor=None, institution=institution, name=unit_name)
    return municipality


def _institution(municipality: Municipality, key: str | None) -> Institution | None:
    if key is None:
        return None
    spec = next(i for m in data.MUNICIPALITIES if m.slug == municipality.slug for i in m.institutions if i.key == key)
    return Institution.objects.get(municipality=municipality, name=spec.name)


def _account(spec: data.AccountSpec) -> None:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(
            spec.email, data.DEMO_PASSWORD, first_name=spec.first_name, last_name=spec.last_name, language=spec.language
        )
    elif not user.check_password(data.DEMO_PASSWORD):
        user.set_password(data.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    municipality = Municipality.objects.get(slug=spec.municipality)
    services.membership_grant(
        actor=None,
        user=user,
        municipality=municipality,
        role=spec.role,
        institution=_institution(municipality, spec.institution),
    )


def _colleagues() -> None:
    """Two or three colleagues in every institution, so staff lists and counts are not empty."""
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        names = cycle(data.COLLEAGUE_NAMES[spec.language])
        roles = cycle(data.COLLEAGUE_ROLES)
        for number, institution_spec in enumerate(spec.institutions):
            institution = _institution(municipality, institution_spec.key)
            for seat in range(2 + number % 2):
                first, last = next(names)
                email = f"{institution_spec.key}.{seat + 1}@{spec.slug}.example"
                user = User.objects.filter(email=email).first()
                if user is None:
                    user = User.objects.create_user(
                        email, None, first_name=first, last_name=last, language=spec.language
                    )
                if not Membership.objects.filter(user=user, municipality=municipality).exists():
                    services.membership_grant(
                        actor=None, user=user, municipality=municipality, role=next(roles), institution=institution
                    )


def accounts_table() -> str:
    """The sign-in accounts as a Markdown table, one row per account: the README shows the same."""
    rows = ["| role | municipality | e-mail | password |", "|---|---|---|---|"]
    names = {m.slug: m.name for m in data.MUNICIPALITIES}
    by_email: dict[str, list[data.AccountSpec]] = {}
    for account in data.ACCOUNTS:
        by_email.setdefault(account.email, []).append(account)
    for email, specs in by_email.items():
        roles = " / ".join(dict.fromkeys(str(spec.role.label) for spec in specs))
        where = ", ".join(names[spec.municipality] for spec in specs)
        rows.append(f"| {roles} | {where} | {email} | {data.DEMO_PASSWORD} |")
    return "\n".join(rows)
