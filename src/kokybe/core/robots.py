"""/robots.txt: search engines may index the public pages and are kept out of the private ones.

Indexed: the knowledge base's public articles (/help/), the service catalogue (/services/) and the
public question form (/ask/<place>/), so residents find how to get a service and where to ask. Kept
out: staff pages (/m/), sign-in and accounts, invitations, the private status links of signals
(/ask/status/; their token is the person's only key, and a page that reached a crawler must not be
indexed), the "sent" pages, survey links (/s/) and proposals boxes (/box/), which are handed to the
people asked, not searched for. The sitemap of each municipality that publishes services is listed (the
service catalogue's; the knowledge base has none of its own).
"""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django_scopes import scopes_disabled

from kokybe.catalogue.models import Service
from kokybe.tenancy.models import Municipality

# Disallow lines first: RFC 9309 crawlers take the longest matching rule wherever it stands, older ones
# the first match, and both then keep /ask/status/ out while /ask/<place>/ is allowed.
RULES = """User-agent: *
Disallow: /ask/status/
Disallow: /ask/*/sent/
Disallow: /m/
Disallow: /accounts/
Disallow: /invitations/
Disallow: /s/
Disallow: /box/
Disallow: /i18n/
Allow: /help/
Allow: /services/
Allow: /ask/
"""


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    with scopes_disabled():
        publishing = Service.objects.filter(is_published=True).values("municipality_id")
        places = Municipality.objects.filter(pk__in=publishing).order_by("slug").values_list("slug", flat=True)
        sitemaps = [
            "Sitemap: " + request.build_absolute_uri(reverse("catalogue_public:sitemap", args=[place]))
            for place in places
        ]
    body = RULES + ("\n" + "\n".join(sitemaps) + "\n" if sitemaps else "")
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
