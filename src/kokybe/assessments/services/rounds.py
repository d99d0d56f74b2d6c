"""Self-assessment rounds: open, score alone, move to consensus, agree, approve. Atomic and audited.

The round moves SCORING -> CONSENSUS -> APPROVED and never back: an approved round is the record
of that year and is locked. Assessors write only their own sheet and only while the round is
scoring; the coordinator writes consensus results only while it is in consensus.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.assessments import scoring as maths
from kokybe.assessments.models import (
    Attachment,
    CriterionResult,
    Framework,
    FrameworkNode,
    Panel,
    Round,
    RoundStatus,
    Score,
    Scoring,
    Sheet,
    VersionStatus,
)
from kokybe.assessments.services.evidence import MAX_LINKS, attachment_type, platform_link
from kokybe.audit.services import audit_record, changes_between
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.tenancy.models import Institution, Membership

CAF_SCORINGS = frozenset({Scoring.CAF_CLASSICAL, Scoring.CAF_FINE_TUNED})


def _audit(actor: User | None, action: str, target: Any, round_: Round, changes: dict[str, Any] | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=target,
        municipality_id=round_.municipality_id,
        institution_id=round_.institution_id,
        changes=changes,
        label=str(round_)[:200],
    )


def may_assess(user: User, institution: Institution) -> bool:
    """Members of the municipality whose role covers the institution may be named assessors."""
    return (
        Membership.objects.filter(user=user, municipality_id=institution.municipality_id)
        .filter(institution__isnull=True)
        .exists()
        or Membership.objects.filter(user=user, institution=institution).exists()
    )


def _check_assessors(assessors: Iterable[User], institution: Institution) -> list[User]:
    chosen = list(dict.fromkeys(assessors))
    if not chosen:
        raise ServiceError(_("Name at least one assessor."), field="assessors")
    for user in chosen:
        if not may_assess(user, institution):
            raise ServiceError(
                _("%(name)s is not a member covering this institution.") % {"name": user.display_name},
                field="assessors",
            )
    return chosen


def scale_for(round_: Round, node: FrameworkNode) -> list[dict[str, Any]]:
    """The scale a criterion is scored on: CAF results have their own."""
    version = round_.version
    return version.results_scale if node.panel == Panel.RESULTS and version.results_scale else version.scale


def scored_nodes(round_: Round) -> list[FrameworkNode]:
    return list(FrameworkNode.objects.filter(version_id=round_.version_id, scored=True).order_by("position", "pk"))


@transaction.atomic
def round_create(
    *,
    actor: User | None,
    framework: Framework,
    institution: Institution,
    year: int,
    deadline: date,
    assessors: Iterable[User],
    scoring: str | None = None,
) -> Round:
    """Open a round on the framework's latest published version, with a sheet for each assessor."""
    version = framework.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()
    if version is None:
        raise ServiceError(_("Publish a version of this framework before opening a round on it."), field="framework")
    if institution.municipality_id != framework.municipality_id:
        raise ServiceError(_("The institution is not of this municipality."), field="institution")
    chosen_scoring = scoring or framework.scoring
    if chosen_scoring != framework.scoring and not (framework.is_caf and chosen_scoring in CAF_SCORINGS):
        raise ServiceError(_("This framework cannot be scored that way."), field="scoring")
    if Round.objects.filter(framework=framework, institution=institution, year=year).exists():
        raise ServiceError(
            _("This institution already has a round on this framework for %(year)d.") % {"year": year}, field="year"
        )
    if not version.nodes.filter(scored=True).exists():
        raise ServiceError(
            _("This framework has no criteria to score yet: add the municipality's own criteria and publish it."),
            field="framework",
        )
    chosen = _check_assessors(assessors, institution)
    round_ = Round.objects.create(
        municipality_id=framework.municipality_id,
        institution=institution,
        framework=framework,
        version=version,
        year=year,
        scoring=chosen_scoring,
        deadline=deadline,
        created_by=actor,
    )
    Sheet.objects.bulk_create(
        Sheet(municipality_id=round_.municipality_id, institution=institution, round=round_, assessor=user)
        for user in chosen
    )
    CriterionResult.objects.bulk_create(
        CriterionResult(
            municipality_id=round_.municipality_id, institution=institution, round=round_, node=node, code=node.code
        )
        for node in scored_nodes(round_)
    )
    _audit(
        actor,
        "round.create",
        round_,
        round_,
        {
            "version": {"to": version.number},
            "scoring": {"to": chosen_scoring},
            "deadline": {"to": deadline.isoformat()},
            "assessors": {"to": [user.display_name for user in chosen]},
        },
    )
    return round_


def _lock(round_: Round) -> Round:
    """The round as it is now, locked until the end of the transaction (two approvals cannot race)."""
    return (
        Round.objects.select_for_update(of=("self",))
        .select_related("framework", "institution", "version", "municipality")
        .get(pk=round_.pk)
    )


def _require_status(round_: Round, status: RoundStatus, message: str) -> Round:
    locked = _lock(round_)
    if locked.status != status:
        raise ServiceError(message)
    return locked


@transaction.atomic
def round_update(*, actor: User, round_: Round, shown_version: int, deadline: date, assessors: Iterable[User]) -> None:
    """Change the deadline or the assessors while the round is scoring. Submitted sheets stay."""
    locked = _require_status(
        round_, RoundStatus.SCORING, _("Assessors and the deadline can be changed only while assessors are scoring.")
    )
    chosen = _check_assessors(assessors, locked.institution)
    version_claim(round_, shown_version)
    sheets = {sheet.assessor_id: sheet for sheet in locked.sheets.select_related("assessor")}
    leaving = [sheet for user_id, sheet in sheets.items() if user_id not in {u.pk for u in chosen}]
    if any(sheet.submitted_at for sheet in leaving):
        raise ServiceError(_("An assessor who has submitted their sheet cannot be removed."), field="assessors")
    for sheet in leaving:
        sheet.delete()
    Sheet.objects.bulk_create(
        Sheet(municipality_id=locked.municipality_id, institution_id=locked.institution_id, round=locked, assessor=u)
        for u in chosen
        if u.pk not in sheets
    )
    before = {
        "deadline": locked.deadline.isoformat(),
        "assessors": sorted(s.assessor.display_name for s in sheets.values()),
    }
    Round.objects.filter(pk=locked.pk).update(deadline=deadline)
    after = {"deadline": deadline.isoformat(), "assessors": sorted(u.display_name for u in chosen)}
    _audit(actor, "round.update", locked, locked, changes_between(before, after))


@dataclass(frozen=True)
class ScoreInput:
    value: Decimal | None = None
    phases: Mapping[str, int] = field(default_factory=dict)
    evidence: str = ""
    links: tuple[str, ...] = ()
    files: tuple[UploadedFile, ...] = ()


def _score_value(
    round_: Round, node: FrameworkNode, entry: ScoreInput, prefix: str, *, consensus: bool = False
) -> tuple[Decimal | None, dict[str, int]]:
    scoring = round_.scoring
    if maths.uses_phases(scoring, node.panel):
        phases = {k: int(v) for k, v in entry.phases.items() if k in maths.PDCA and v is not None}
        for value in phases.values():
            if not 0 <= value <= 100:
                raise ServiceError(_("Phase scores are from 0 to 100."), field=f"{prefix}plan")
        return maths.phases_mean(phases), phases
    scale = scale_for(round_, node)
    if entry.value is not None and maths.refused_value(entry.value, scoring, scale, consensus=consensus):
        bounds = maths.range_of(scoring, scale)
        raise ServiceError(
            _("A score is from %(low)s to %(high)s.") % {"low": bounds.low, "high": bounds.high},
            field=f"{prefix}value",
        )
    return entry.value, {}


@transaction.atomic
def sheet_save(
    *, actor: User, sheet: Sheet, shown_version: int, entries: Mapping[int, ScoreInput], submit: bool = False
) -> Sheet:
    """Save an assessor's scores (entries by criterion id), and submit the sheet when asked.

    Submitting needs a score for every criterion; a submitted sheet no longer changes.
    """
    if sheet.assessor_id != actor.pk:
        raise ServiceError(_("Only the assessor writes their own sheet."))
    round_ = _require_status(
        sheet.round, RoundStatus.SCORING, _("The round is no longer open for scoring; the sheet cannot be changed.")
    )
    locked = Sheet.objects.select_for_update().get(pk=sheet.pk)
    if locked.submitted_at is not None:
        raise ServiceError(_("This sheet has been submitted and no longer changes."))
    version_claim(sheet, shown_version)
    nodes = {node.pk: node for node in scored_nodes(round_)}
    existing = {score.node_id: score for score in Score.objects.filter(sheet=sheet)}
    municipality = round_.municipality
    new_scores: list[Score] = []
    changed_scores: list[Score] = []
    uploads: list[tuple[Score, UploadedFile, str]] = []
    for node_id, entry in entries.items():
        node = nodes.get(node_id)
        if node is None:
            continue
        prefix = f"c{node_id}-"
        value, phases = _score_value(round_, node, entry, prefix)
        if len(entry.links) > MAX_LINKS:
            raise ServiceError(_("Give at most %(n)d links.") % {"n": MAX_LINKS}, field=f"{prefix}links")
        links = [platform_link(municipality, link, f"{prefix}links") for link in entry.links if link.strip()]
        score = existing.get(node_id)
        if score is None and value is None and not (phases or entry.evidence.strip() or links or entry.files):
            continue  # nothing given for this criterion yet
        if score is None:
            score = Score(
                municipality=municipality,
                institution_id=round_.institution_id,
                sheet=sheet,
                node=node,
                value=value,
                phases=phases,
                evidence=entry.evidence,
                links=links,
            )
            new_scores.append(score)
            existing[node_id] = score
        else:
            score.value, score.phases, score.evidence, score.links = value, phases, entry.evidence, links
            changed_scores.append(score)
        # Checked now, stored once the score has its id: a refused file leaves nothing written.
        uploads.extend((score, upload, attachment_type(upload, f"{prefix}files")) for upload in entry.files)
    Score.objects.bulk_create(new_scores)
    Score.objects.bulk_update(changed_scores, ["value", "phases", "evidence", "links"])
    for score, upload, content_type in uploads:
        Attachment.objects.create(
            municipality=municipality,
            institution_id=round_.institution_id,
            score=score,
            file=upload,
            name=(upload.name or "")[:200],
            size=upload.size or 0,
            content_type=content_type,
        )
    if submit:
        missing = [
            node.code for node in nodes.values() if existing.get(node.pk) is None or existing[node.pk].value is None
        ]
        if missing:
            raise ServiceError(
                _("Score every criterion before submitting. Not scored yet: %(codes)s.") % {"codes": ", ".join(missing)}
            )
        sheet.submitted_at = timezone.now()
        sheet.save(update_fields=["submitted_at"])
    _audit(actor, "sheet.submit" if submit else "sheet.save", sheet, round_, {"criteria": {"to": len(entries)}})
    return sheet


@transaction.atomic
def round_consensus_start(*, actor: User, round_: Round) -> Round:
    """Close scoring and start agreeing; sheets not submitted by now are left out of the spread."""
    locked = _require_status(
        round_, RoundStatus.SCORING, _("Consensus can be started only while assessors are scoring.")
    )
    if not locked.sheets.filter(submitted_at__isnull=False).exists():
        raise ServiceError(_("No assessor has submitted their sheet yet: there is nothing to agree on."))
    locked.status = RoundStatus.CONSENSUS
    locked.save(update_fields=["status"])
    _audit(actor, "round.consensus_start", locked, locked, {"status": {"from": "scoring", "to": "consensus"}})
    return locked


@transaction.atomic
def result_set(
    *,
    actor: User,
    result: CriterionResult,
    shown_version: int,
    value: Decimal | None,
    phases: Mapping[str, int] | None = None,
    reason: str,
    spread: maths.Spread,
) -> CriterionResult:
    """Set a criterion's consensus score. A reason is needed where assessors disagreed or it departs from them."""
    # The round row is locked for its status only: this runs once per criterion, and the round's
    # framework, institution and version come with the result from the caller.
    round_ = result.round
    status = Round.objects.select_for_update().filter(pk=round_.pk).values_list("status", flat=True).get()
    if status != RoundStatus.CONSENSUS:
        raise ServiceError(_("Consensus scores can be set only while the round is in consensus."))
    value, clean_phases = _score_value(
        round_, result.node, ScoreInput(value=value, phases=phases or {}), "", consensus=True
    )
    if value is None:
        raise ServiceError(_("Give the consensus score."), field="plan" if clean_phases or phases else "value")
    suggested = maths.suggested_consensus(spread, round_.scoring, scale_for(round_, result.node))
    if not reason.strip() and (spread.disagrees or suggested is None or value != suggested):
        raise ServiceError(
            _("Say why: the assessors disagreed, or the consensus differs from their scores."), field="reason"
        )
    version_claim(result, shown_version)
    before = {"consensus": str(result.consensus) if result.consensus is not None else None, "reason": result.reason}
    result.consensus, result.phases, result.reason = value, clean_phases, reason.strip()
    result.set_by, result.set_at = actor, timezone.now()
    result.save(update_fields=["consensus", "phases", "reason", "set_by", "set_at"])
    after = {"consensus": str(value), "reason": result.reason}
    _audit(actor, "result.set", result, round_, {"code": {"to": result.code}, **changes_between(before, after)})
    return result


@transaction.atomic
def round_approve(*, actor: User, round_: Round) -> Round:
    """Approve the round: its results become the record of the year and are locked."""
    locked = _lock(round_)
    if locked.status == RoundStatus.APPROVED:
        raise ServiceError(_("This round is already approved."))
    if locked.status != RoundStatus.CONSENSUS:
        raise ServiceError(_("A round is approved after consensus: start consensus first."))
    missing = list(locked.results.filter(consensus__isnull=True).values_list("code", flat=True))
    if missing:
        raise ServiceError(
            _("Set the consensus score of every criterion first. Missing: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    locked.status = RoundStatus.APPROVED
    locked.approved_by, locked.approved_at = actor, timezone.now()
    locked.save(update_fields=["status", "approved_by", "approved_at"])
    _audit(actor, "round.approve", locked, locked, {"status": {"from": "consensus", "to": "approved"}})
    return locked
