"""Staff pages of the knowledge base's categories: the list, a new one, renaming and reordering."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.knowledge import selectors
from kokybe.knowledge.forms import CategoryForm
from kokybe.knowledge.models import Category
from kokybe.knowledge.services import categories
from kokybe.tenancy.access import access_of, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability


def category_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.WRITE_KNOWLEDGE)
    return render(
        request, "knowledge/category_list.html", {"categories": selectors.categories_with_counts(access.municipality)}
    )


def category_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.WRITE_KNOWLEDGE)
    form = CategoryForm(request.POST or None, main_language=access.municipality.language)
    if request.method == "POST" and form.is_valid():

        def submit() -> str:
            categories.category_create(
                actor=access.user,
                municipality=access.municipality,
                name=form.texts("name"),
                position=form.cleaned_data["position"],
            )
            messages.success(request, _("The category was saved."))
            return reverse("knowledge:categories", args=[municipality])

        try:
            return submit_once(request, submit)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "knowledge/category_form.html", {"form": form})


def category_edit(request: HttpRequest, municipality: str, article_category: int) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.WRITE_KNOWLEDGE)
    found = Category.objects.filter(municipality=access.municipality, pk=article_category).first()
    if found is None:
        raise Http404
    form = CategoryForm(request.POST or None, main_language=access.municipality.language, category=found)
    if request.method == "POST" and form.is_valid():

        def submit() -> str:
            categories.category_update(
                actor=access.user,
                category=found,
                lock_version=form.cleaned_data["lock_version"],
                name=form.texts("name"),
                position=form.cleaned_data["position"],
            )
            messages.success(request, _("The category was saved."))
            return reverse("knowledge:categories", args=[municipality])

        try:
            return submit_once(request, submit)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "knowledge/category_form.html", {"form": form, "category": found})
