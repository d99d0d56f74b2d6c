"""Personas shared by every test (after Healthchecks' Alice, Bob and Charlie).

Municipality A has institutions A1 and A2; municipality B is someone else's.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django_scopes import scopes_disabled

from kokybe.accounts.models import User
from kokybe.accounts.selectors import user_needs_second_factor
from kokybe.tenancy.models import Institution, Membership, Municipality, Unit
from kokybe.tenancy.permissions import Role
from kokybe.tenancy.tests.factories import (
    InstitutionFactory,
    InvitationFactory,
    MembershipFactory,
    MunicipalityFactory,
    UnitFactory,
    UserFactory,
)

pytest_plugins = ["tests.browser.axe_report"]


@dataclass
class World:
    a: Municipality
    a1: Institution
    a2: Institution
    a1_unit: Unit
    b: Municipality
    b1: Institution
    coordinator: User  # municipal coordinator of A
    director: User  # director of A1
    quality: User  # quality coordinator of A1
    worker: User  # social worker of A1
    consultant: User  # consultant of A1
    staff: User  # staff member of A1
    auditor: User  # auditor of A, municipality-wide
    other_worker: User  # social worker of A2: another institution
    outsider: User  # municipal coordinator of B: another municipality
    stranger: User  # signed in, no role anywhere
    director_membership: Membership

    def client_for(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def world(db: None) -> World:
    with scopes_disabled():
        a = MunicipalityFactory(slug="alpha", name="Alfos savivaldybė")
        a1 = InstitutionFactory(municipality=a, slug="a1", name="A1 centras")
        a2 = InstitutionFactory(municipality=a, slug="a2", name="A2 globos namai")
        b = MunicipalityFactory(slug="beta", name="Betas novads", country="LV", language="lv")
        b1 = InstitutionFactory(municipality=b, slug="b1", name="B1 centrs")

        def member(role: Role, municipality: Municipality, institution: Institution | None) -> User:
            membership = MembershipFactory(municipality=municipality, institution=institution, role=role)
            return membership.user

        director = member(Role.DIRECTOR, a, a1)
        world = World(
            a=a,
            a1=a1,
            a2=a2,
            a1_unit=UnitFactory(institution=a1, name="Pagalbos į namus skyrius"),
            b=b,
            b1=b1,
            coordinator=member(Role.MUNICIPAL_COORDINATOR, a, None),
            director=director,
            quality=member(Role.QUALITY_COORDINATOR, a, a1),
            worker=member(Role.SOCIAL_WORKER, a, a1),
            consultant=member(Role.CONSULTANT, a, a1),
            staff=member(Role.STAFF_MEMBER, a, a1),
            auditor=member(Role.AUDITOR, a, None),
            other_worker=member(Role.SOCIAL_WORKER, a, a2),
            outsider=member(Role.MUNICIPAL_COORDINATOR, b, None),
            stranger=UserFactory(),
            director_membership=Membership.objects.get(user=director),
        )
        InvitationFactory(municipality=a, institution=a1, email="pending@example.org")
        # The production rule holds in tests: whoever needs a second factor has one.
        for user in User.objects.all():
            if user_needs_second_factor(user):
                TOTP.activate(user, generate_totp_secret())
    return world


@pytest.fixture(autouse=True)
def _production_mfa_rule(settings: Any) -> None:
    settings.KOKYBE_DEMO_RELAX_MFA = False


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Files a test uploads (certificates, evidence) go to a directory of its own, never var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
