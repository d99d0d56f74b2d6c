"""Collecting answers beyond the public link: invitations by e-mail, the QR code and the poster."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.validators import validate_email
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.surveys import selectors
from kokybe.surveys.models import Survey, SurveyInvitation
from kokybe.surveys.poster import poster_pdf, qr_svg
from kokybe.surveys.services import invitations
from kokybe.surveys.views import _survey_for_any
from kokybe.tenancy.access import access_of
from kokybe.tenancy.models import Institution
from kokybe.tenancy.permissions import Capability

MAX_ADDRESSES = 2000


class InvitationsForm(forms.Form):
    emails = forms.CharField(
        label=gettext_lazy("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("One per line, or separated by commas. Addresses already invited are skipped."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the e-mail and the survey"))
    institution: forms.ModelChoiceField[Institution] = forms.ModelChoiceField(
        label=gettext_lazy("Institution the invited people use"), queryset=Institution.objects.none()
    )

    def __init__(
        self, *args: object, institutions: list[Institution], languages: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].choices = languages  # type: ignore[attr-defined]
        self.fields["institution"].queryset = Institution.objects.filter(  # type: ignore[attr-defined]
            pk__in=[i.pk for i in institutions]
        )
        if len(institutions) == 1:
            self.fields["institution"].initial = institutions[0]

    def clean_emails(self) -> list[str]:
        raw = self.cleaned_data["emails"].replace(",", "\n").replace(";", "\n")
        addresses = [line.strip() for line in raw.splitlines() if line.strip()]
        wrong = []
        for address in addresses:
            try:
                validate_email(address)
            except forms.ValidationError:
                wrong.append(address)
        if wrong:
            raise forms.ValidationError(_("These are not e-mail addresses: %(list)s") % {"list": ", ".join(wrong[:5])})
        if len(addresses) > MAX_ADDRESSES:
            raise forms.ValidationError(_("At most %(n)d addresses at a time.") % {"n": MAX_ADDRESSES})
        return addresses


def invitation_list(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.survey_for(access, survey, Capability.MANAGE_SURVEYS)
    institutions = selectors.survey_institutions(access, found, Capability.MANAGE_SURVEYS)
    form = InvitationsForm(
        request.POST or None,
        institutions=institutions,
        languages=list(settings.LANGUAGES),
        initial={"language": found.main_language},
    )
    if request.method == "POST" and form.is_valid():

        def invite() -> str:
            added = invitations.invitations_add(
                actor=access.user,
                survey=found,
                emails=form.cleaned_data["emails"],
                language=form.cleaned_data["language"],
                institution=form.cleaned_data["institution"],
                base_url=request.build_absolute_uri("/"),
            )
            sending = ngettext("%(n)d invitation is being sent.", "%(n)d invitations are being sent.", added)
            messages.success(request, sending % {"n": added})
            return reverse("surveys:invitations", args=[municipality, found.pk])

        try:
            return submit_once(request, invite)
        except ServiceError as error:
            add_service_error(form, error)
    invited = SurveyInvitation.objects.filter(municipality=access.municipality, survey=found)
    counts = dict(invited.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return render(
        request,
        "surveys/invitations.html",
        {
            "survey": found,
            "form": form,
            "invitations": invited.order_by("email")[:500],
            "total": sum(counts.values()),
            "counts": counts,
        },
    )


def invitations_remind(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.survey_for(access, survey, Capability.MANAGE_SURVEYS)
    if request.method != "POST":
        return redirect("surveys:invitations", municipality, found.pk)
    sent = invitations.invitations_remind(actor=access.user, survey=found, base_url=request.build_absolute_uri("/"))
    if sent:
        reminding = ngettext("%(n)d reminder is being sent.", "%(n)d reminders are being sent.", sent)
        messages.success(request, reminding % {"n": sent})
    else:
        messages.info(request, _("Nobody is due a reminder: reminders go a week after the last e-mail, twice at most."))
    return redirect("surveys:invitations", municipality, found.pk)


def _link_for(request: HttpRequest, survey: Survey, institution: Institution | None) -> str:
    code = survey.public_code
    if institution is not None:
        return request.build_absolute_uri(reverse("survey_public:start_at", args=[code, institution.slug]))
    return request.build_absolute_uri(reverse("survey_public:start", args=[code]))


def _poster_target(request: HttpRequest, municipality: str, survey: int) -> tuple[Survey, Institution | None]:
    access = access_of(request)
    found = _survey_for_any(access, survey)
    slug = request.GET.get("institution", "")
    institution = next(
        (i for i in selectors.survey_institutions(access, found, Capability.VIEW_ORGANISATION) if i.slug == slug), None
    )
    if found.institution is not None:
        institution = None
    return found, institution


def qr_code(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    found, institution = _poster_target(request, municipality, survey)
    response = HttpResponse(qr_svg(_link_for(request, found, institution)), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="survey-{survey}-qr.svg"'
    return response


def poster(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    found, institution = _poster_target(request, municipality, survey)
    language = request.GET.get("lang") or found.main_language
    if language not in dict(settings.LANGUAGES):
        language = found.main_language
    pdf = poster_pdf(found, _link_for(request, found, institution), language, institution)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey}-poster-{language}.pdf"'
    return response
