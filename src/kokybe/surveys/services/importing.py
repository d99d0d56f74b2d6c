"""Bringing answers and surveys in from files: paper answers typed into a spreadsheet, earlier years
from LimeSurvey. Atomic and audited; the files are read beforehand (paper_import, limesurvey).

Every imported row carries a reference (`Response.source_ref`, unique per survey), so a file
uploaded again adds only the rows not yet there. The audit trail records one event per import,
with the number of responses, under the same rules as any arrival (responding._audit_arrival):
for an anonymous survey the day only and no author.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.core.errors import ServiceError
from kokybe.surveys import selectors
from kokybe.surveys.definition import SurveySpec, items_of
from kokybe.surveys.models import Channel, Survey
from kokybe.surveys.services import design
from kokybe.surveys.services.responding import (
    STAFF_CHANNELS,
    NewResponse,
    _audit_arrival,
    _check_institution,
    current_version,
    responses_store,
)
from kokybe.tenancy.models import Institution, Municipality

IMPORT_CHANNELS = STAFF_CHANNELS | {Channel.IMPORTED}


def limesurvey_ref(survey: Survey, response_id: str) -> str:
    """The stored reference of a LimeSurvey response: a keyed hash of its id, not the id itself.

    LimeSurvey's table may still hold the respondent's IP address, token and times under that id,
    and an anonymous response must not lead there. (Rotating SECRET_KEY means a later re-import
    of the same file is no longer recognised.)
    """
    digest = hmac.new(settings.SECRET_KEY.encode(), f"limesurvey|{survey.pk}|{response_id}".encode(), hashlib.sha256)
    return f"limesurvey:{digest.hexdigest()[:48]}"


@dataclass(frozen=True)
class ImportOutcome:
    stored: int
    already: int  # rows left out because an earlier import had brought them in


@transaction.atomic
def responses_import(
    *, actor: User, survey: Survey, rows: list[NewResponse], institution_required: bool
) -> ImportOutcome:
    """Store the rows the survey does not have yet, with their tallies, as one audited import.

    `institution_required`: every row must name its institution when the survey is municipality-wide
    (paper answers, as in staff entry); LimeSurvey's responses may come with none.
    """
    # Locked, so two uploads of one file cannot both find its rows missing.
    survey = Survey.objects.select_for_update(of=("self",)).select_related("institution").get(pk=survey.pk)
    version = current_version(survey)
    today = timezone.localdate()
    refs = [row.source_ref for row in rows]
    if any(not ref for ref in refs) or len(set(refs)) != len(refs):
        raise ServiceError(_("Each imported row needs a reference of its own."))
    for row in rows:
        if row.channel not in IMPORT_CHANNELS:
            raise ServiceError(_("Choose how the answers were given."))
        if row.submitted_on > today:
            raise ServiceError(_("The date cannot be in the future."))
        _check_institution(survey, row.institution, required=institution_required)
    present = selectors.source_refs_present(survey.municipality, survey, refs)
    new = [row for row in rows if row.source_ref not in present]
    stored = responses_store(survey=survey, version=version, items=items_of(survey.spec(version)), rows=new)
    if stored:
        channels = ", ".join(sorted({row.channel for row in new}))
        _audit_arrival(actor, survey, "survey.responses_import", channels, stored)
    return ImportOutcome(stored=stored, already=len(rows) - len(new))


@transaction.atomic
def survey_import(
    *,
    actor: User,
    municipality: Municipality,
    spec: SurveySpec,
    year: int,
    institution: Institution | None,
    is_anonymous: bool,
    source: str,
) -> Survey:
    """A survey run elsewhere, with its questions published as version 1.

    A survey of a past year is closed at once: it is brought in for its results, and its public
    link must not start taking answers. One of this year stays open, as publishing leaves it.
    """
    survey = design.survey_create(
        actor=actor,
        municipality=municipality,
        spec=spec,
        year=year,
        institution=institution,
        is_anonymous=is_anonymous,
    )
    design.survey_publish(actor=actor, survey=survey, change_note=_("Imported from %(source)s") % {"source": source})
    if year < timezone.localdate().year:
        survey = design.survey_close(actor=actor, survey=survey)
    return Survey.objects.get(pk=survey.pk)
