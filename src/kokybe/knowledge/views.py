"""Staff pages of the knowledge base."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kokybe.core.texts import localized
from kokybe.knowledge.models import Article
from kokybe.tenancy.access import access_of, require_capability
from kokybe.tenancy.permissions import Capability


def article_detail(request: HttpRequest, municipality: str, article: int) -> HttpResponse:
    access = access_of(request)
    require_capability(access, Capability.VIEW_ORGANISATION)
    found = Article.objects.filter(pk=article).first()
    if found is None:
        raise Http404
    return render(
        request,
        "knowledge/article_detail.html",
        {"article": found, "body": localized(found.body, access.municipality.language)},
    )
