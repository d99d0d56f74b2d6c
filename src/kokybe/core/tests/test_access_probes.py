"""Every tenant URL pattern, probed by every persona.

A member of another municipality, or someone with no role, gets 404 everywhere; a member of
another institution gets 404 on institution-bound pages; a member whose role lacks the
capability gets 403. A new URL pattern fails `test_every_tenant_route_has_a_rule` until it is
added to RULES below, or to the `RULES` of its app's `tests/access.py`.

An app's `tests/access.py` holds its own rules: `RULES` (URL name -> Rule), `INSTITUTION_BOUND`
(URL kwargs naming an object of institution A1) and `samples(world, names)`, which returns a value
for each kwarg in `names` it knows (creating the objects in A1 as needed).
"""

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.core.tests.urlwalk import routes
from kokybe.surveys.tests.builders import published_survey
from kokybe.tenancy.models import Invitation
from kokybe.tenancy.permissions import SURVEY_CAPABILITIES, Capability, capabilities_of

C = Capability


ANY_SURVEY = SURVEY_CAPABILITIES


RULES: dict[str, Rule] = {
    "tenancy:home": Rule(C.VIEW_ORGANISATION),
    "tenancy:institutions": Rule(C.VIEW_ORGANISATION),
    "tenancy:institution": Rule(C.VIEW_ORGANISATION),
    "tenancy:institution_switch": Rule(C.VIEW_ORGANISATION),
    "tenancy:institution_create": Rule(C.MANAGE_ORGANISATION),
    "tenancy:institution_edit": Rule(C.MANAGE_ORGANISATION),
    "tenancy:unit_create": Rule(C.MANAGE_ORGANISATION),
    "tenancy:unit_edit": Rule(C.MANAGE_ORGANISATION),
    "tenancy:people": Rule(C.MANAGE_MEMBERSHIPS),
    "tenancy:person": Rule(C.MANAGE_MEMBERSHIPS),
    "tenancy:membership_revoke": Rule(C.MANAGE_MEMBERSHIPS, "POST"),
    "tenancy:invitation_create": Rule(C.MANAGE_MEMBERSHIPS),
    "tenancy:invitation_resend": Rule(C.MANAGE_MEMBERSHIPS, "POST"),
    "tenancy:invitation_revoke": Rule(C.MANAGE_MEMBERSHIPS, "POST"),
    "audit:search": Rule(C.VIEW_AUDIT),
    "surveys:list": Rule(ANY_SURVEY),
    "surveys:create": Rule(C.MANAGE_SURVEYS),
    "surveys:detail": Rule(ANY_SURVEY),
    "surveys:settings": Rule(C.MANAGE_SURVEYS),
    "surveys:questions": Rule(C.MANAGE_SURVEYS),
    "surveys:section_add": Rule(C.MANAGE_SURVEYS),
    "surveys:section_edit": Rule(C.MANAGE_SURVEYS),
    "surveys:section_remove": Rule(C.MANAGE_SURVEYS, "POST"),
    "surveys:question_add": Rule(C.MANAGE_SURVEYS),
    "surveys:question_edit": Rule(C.MANAGE_SURVEYS),
    "surveys:question_remove": Rule(C.MANAGE_SURVEYS, "POST"),
    "surveys:question_move": Rule(C.MANAGE_SURVEYS, "POST"),
    "surveys:preview": Rule(C.MANAGE_SURVEYS),
    "surveys:preview_page": Rule(C.MANAGE_SURVEYS),
    "surveys:preview_done": Rule(C.MANAGE_SURVEYS),
    "surveys:publish": Rule(C.MANAGE_SURVEYS, "POST"),
    "surveys:close": Rule(C.MANAGE_SURVEYS, "POST"),
    "surveys:enter": Rule(C.ENTER_SURVEY_RESPONSES),
    "surveys:results": Rule(C.VIEW_SURVEY_RESULTS),
    "surveys:compare": Rule(C.VIEW_SURVEY_RESULTS),
    "surveys:institutions": Rule(C.VIEW_SURVEY_RESULTS),
    "surveys:texts": Rule(C.VIEW_SURVEY_RESULTS),
    "surveys:texts_download": Rule(C.VIEW_SURVEY_RESULTS),
    "surveys:export_results": Rule(C.VIEW_SURVEY_RESULTS),
    "surveys:export_responses": Rule(C.MANAGE_SURVEYS),
    "surveys:invitations": Rule(C.MANAGE_SURVEYS),
    "surveys:invitations_remind": Rule(C.MANAGE_SURVEYS, "POST"),
    "surveys:poster": Rule(ANY_SURVEY),
    "surveys:qr": Rule(ANY_SURVEY),
    "surveys:import_paper": Rule(C.MANAGE_SURVEYS),
    "surveys:import_paper_template": Rule(C.MANAGE_SURVEYS),
    "surveys:import_limesurvey": Rule(C.MANAGE_SURVEYS),
    "surveys:import_limesurvey_responses": Rule(C.MANAGE_SURVEYS),
}
# Kwargs naming an object that belongs to institution A1, like the institution itself.
INSTITUTION_BOUND_KWARGS = {"institution", "survey"}
APP_SAMPLES: list[Callable[[World, frozenset[str]], dict[str, Any]]] = []


def _collect_app_rules() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("kokybe."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.access")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.access" and error.name != f"{config.name}.tests":
                raise
            continue
        clash = RULES.keys() & module.RULES.keys()
        assert not clash, clash
        RULES.update(module.RULES)
        INSTITUTION_BOUND_KWARGS.update(module.INSTITUTION_BOUND)
        APP_SAMPLES.append(module.samples)


_collect_app_rules()

TENANT_ROUTES = [route for route in routes() if route.is_tenant]
MEMBERS_OF_A = ["coordinator", "director", "quality", "worker", "consultant", "staff", "auditor", "other_worker"]


def sample_kwargs(world: World, names: frozenset[str], municipality: str) -> dict[str, Any]:
    invitation = Invitation.objects.with_scopes_disabled().get(email="pending@example.org")
    survey = published_survey(world, institution=world.a1) if "survey" in names else None
    samples = {
        "municipality": municipality,
        "institution": world.a1.slug,
        "unit": world.a1_unit.pk,
        "user": world.director.pk,
        "membership": world.director_membership.pk,
        "invitation": invitation.pk,
        "survey": survey.pk if survey else 0,
        "section": 0,
        "key": "overall",
        "fmt": "csv",
        "number": 1,
    }
    for app_samples in APP_SAMPLES:
        wanted = names - samples.keys()
        if wanted:
            samples.update(app_samples(world, frozenset(wanted)))
    missing = names - samples.keys()
    assert not missing, f"add a sample value for {missing} to sample_kwargs"
    return {name: samples[name] for name in names}


def probe(client: Client, method: str, url: str) -> int:
    response = client.post(url) if method == "POST" else client.get(url)
    return response.status_code


def test_every_tenant_route_has_a_rule() -> None:
    names = {route.name for route in TENANT_ROUTES}
    assert names - RULES.keys() == set(), "give each new tenant URL a Rule"
    assert RULES.keys() - names == set(), "RULES names a URL that no longer exists"


def expected_status_of_member(world: World, route: Any, persona: str) -> tuple[str, set[int]]:
    """The method to probe with and the statuses the member may get: their role's answer."""
    user = getattr(world, persona)
    rule = RULES[route.name]
    with scopes_disabled():
        memberships = list(user.memberships.all())
    institution_bound = bool(INSTITUTION_BOUND_KWARGS & route.kwargs)
    covers = any(m.institution_id in (None, world.a1.pk) for m in memberships)
    allowed = any(
        rule.capabilities & capabilities_of(m.role)
        and (not institution_bound or m.institution_id in (None, world.a1.pk))
        for m in memberships
    )
    if rule.personas is not None:
        allowed = allowed and persona in rule.personas
    if allowed:
        return "GET", {200, 302, 405}
    if institution_bound and not covers:
        return rule.method, {404}
    return rule.method, {403}


@pytest.mark.parametrize("route", TENANT_ROUTES, ids=lambda r: r.name)
def test_route_answers_each_persona_as_their_role_allows(world: World, route: Any) -> None:
    """All probes of one route share one world: building the world is what costs, not the requests.

    Non-members get 404 for both methods; B's coordinator naming A's objects under B's address gets
    404 (the scoped look-up finds nothing); anonymous is sent to sign in; each member of A gets what
    their role allows. Every mismatch is listed, not only the first.
    """
    kwargs = sample_kwargs(world, route.kwargs, world.a.slug)
    url = reverse(route.name, kwargs=kwargs)
    wrong: list[str] = []

    def check(who: str, client: Client, method: str, probed_url: str, expected: set[int]) -> None:
        status = probe(client, method, probed_url)
        if status not in expected:
            wrong.append(f"{who} {method} {probed_url}: {status}, expected {sorted(expected)}")

    for persona in ("outsider", "stranger"):
        client = world.client_for(getattr(world, persona))
        for method in ("GET", "POST"):
            check(persona, client, method, url, {404})
    if route.kwargs - {"municipality"} - RULES[route.name].generic_kwargs:
        url_under_b = reverse(route.name, kwargs=kwargs | {"municipality": world.b.slug})
        check("outsider under B", world.client_for(world.outsider), RULES[route.name].method, url_under_b, {404})
    anonymous = Client().get(url)
    if anonymous.status_code != 302 or not anonymous["Location"].startswith(reverse("account_login")):
        wrong.append(f"anonymous GET {url}: {anonymous.status_code}, expected a redirect to sign in")
    for persona in MEMBERS_OF_A:
        method, expected = expected_status_of_member(world, route, persona)
        check(persona, world.client_for(getattr(world, persona)), method, url, expected)
    assert not wrong, "\n".join(wrong)
