from typing import Any

from allauth import urls as allauth_urls
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from kokybe.core import views as core_views
from kokybe.core.robots import robots_txt
from kokybe.tenancy.views_invitation import invitation_accept

NOT_OFFERED = {"account_email"}

handler400 = "kokybe.core.views.error_400"
handler403 = "kokybe.core.views.error_403"
handler404 = "kokybe.core.views.error_404"
handler500 = "kokybe.core.views.error_500"


def not_offered(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """The sign-in address is the one the coordinator invited; people do not change it themselves."""
    raise Http404


def atomic(patterns: list[Any]) -> list[Any]:
    """Run each view of a third-party URL list in one transaction, so the audit record of its
    writes (accounts.audit_hooks) commits or rolls back with them."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            atomic(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            callback = not_offered if pattern.name in NOT_OFFERED else pattern.callback
            pattern.callback = transaction.atomic(callback)
    return patterns


urlpatterns = [
    path("", core_views.root, name="home"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("accounts/", include(atomic(allauth_urls.urlpatterns))),
    path("i18n/language/", core_views.language_set, name="language_set"),
    path("invitations/<str:token>/", invitation_accept, name="invitation_accept"),
    path("m/<slug:municipality>/", include("kokybe.tenancy.urls")),
    path("m/<slug:municipality>/audit/", include("kokybe.audit.urls")),
    path("m/<slug:municipality>/surveys/", include("kokybe.surveys.urls")),
    path("m/<slug:municipality>/assessments/", include("kokybe.assessments.urls")),
    path("m/<slug:municipality>/plans/", include("kokybe.improvement.urls")),
    path("m/<slug:municipality>/proposals/", include("kokybe.proposals.urls")),
    path("m/<slug:municipality>/nonconformities/", include("kokybe.nonconformities.urls")),
    path("m/<slug:municipality>/competence/", include("kokybe.competence.urls")),
    path("m/<slug:municipality>/signals/", include("kokybe.inquiries.urls")),
    path("m/<slug:municipality>/knowledge/", include("kokybe.knowledge.urls")),
    path("m/<slug:municipality>/catalogue/", include("kokybe.catalogue.urls")),
    path("m/<slug:municipality>/event-logs/", include("kokybe.eventlogs.urls")),
    path("m/<slug:municipality>/clients/", include("kokybe.clients.urls")),
    path("m/<slug:municipality>/services-given/", include("kokybe.casework.urls")),
    path("m/<slug:municipality>/individual-plans/", include("kokybe.individualplans.urls")),
    path("m/<slug:municipality>/appointments/", include("kokybe.appointments.urls")),
    path("m/<slug:municipality>/outcomes/", include("kokybe.outcomes.urls")),
    path("m/<slug:municipality>/client-imports/", include("kokybe.clientimports.urls")),
    path("m/<slug:municipality>/analytics/", include("kokybe.analytics.urls")),
    path("m/<slug:municipality>/charter/", include("kokybe.charter.urls")),
    path("m/<slug:municipality>/dashboards/", include("kokybe.dashboards.urls")),
    path("s/", include("kokybe.surveys.urls_public")),
    path("box/", include("kokybe.proposals.urls_public")),
    path("ask/", include("kokybe.inquiries.urls_public")),
    path("help/", include("kokybe.knowledge.urls_public")),
    path("services/", include("kokybe.catalogue.urls_public")),
    path("charter/", include("kokybe.charter.urls_public")),
]
