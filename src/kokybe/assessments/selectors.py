"""Reading frameworks and rounds, always within one municipality and what the person may see."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kokybe.assessments import scoring as maths
from kokybe.assessments.builtin import BUILTIN_FRAMEWORKS
from kokybe.assessments.models import (
    CriterionResult,
    Framework,
    FrameworkNode,
    FrameworkVersion,
    Round,
    RoundStatus,
    Score,
    Sheet,
    VersionStatus,
)
from kokybe.tenancy.access import Access, require_capability
from kokybe.tenancy.models import Municipality
from kokybe.tenancy.permissions import Capability

C = Capability


def frameworks_of(municipality: Municipality) -> QuerySet[Framework]:
    return Framework.objects.filter(municipality=municipality).annotate(
        published_count=Count("versions", filter=Q(versions__status=VersionStatus.PUBLISHED), distinct=True),
        round_count=Count("rounds", distinct=True),
    )


def frameworks_with_approved_rounds(municipality: Municipality) -> QuerySet[Framework]:
    return Framework.objects.filter(municipality=municipality, rounds__status=RoundStatus.APPROVED).distinct()


def builtin_missing(municipality: Municipality) -> int:
    """How many built-in frameworks the municipality has not installed yet."""
    have = set(Framework.objects.filter(municipality=municipality).values_list("builtin_key", flat=True))
    return sum(1 for spec in BUILTIN_FRAMEWORKS if spec.key not in have)


def framework_for(municipality: Municipality, pk: int) -> Framework:
    framework = Framework.objects.filter(municipality=municipality, pk=pk).first()
    if framework is None:
        raise Http404
    return framework


def version_of(framework: Framework, number: int | None) -> FrameworkVersion | None:
    """The version asked for, else the draft, else the latest published one."""
    versions = framework.versions.all()
    if number is not None:
        return versions.filter(number=number).first()
    return versions.filter(status=VersionStatus.DRAFT).first() or versions.order_by("-number").first()


@dataclass(frozen=True)
class TreeRow:
    node: FrameworkNode
    depth: int
    first: bool  # first among its siblings: cannot move up
    last: bool


def tree_of(version: FrameworkVersion) -> list[TreeRow]:
    """The version's nodes depth-first, in their order among siblings, read in one query."""
    children: dict[int | None, list[FrameworkNode]] = defaultdict(list)
    for node in FrameworkNode.objects.filter(version=version).order_by("position", "pk"):
        node.version = version  # spare a query per node for its name's main language
        children[node.parent_id].append(node)
    rows: list[TreeRow] = []

    def walk(parent: int | None, depth: int) -> None:
        siblings = children.get(parent, [])
        for index, node in enumerate(siblings):
            rows.append(TreeRow(node, depth, index == 0, index == len(siblings) - 1))
            walk(node.pk, depth + 1)

    walk(None, 0)
    return rows


def node_for(version: FrameworkVersion, pk: int) -> FrameworkNode:
    node = FrameworkNode.objects.filter(version=version, pk=pk).first()
    if node is None:
        raise Http404
    node.version = version
    return node


def rounds_visible(access: Access) -> QuerySet[Round]:
    rounds = Round.objects.filter(municipality=access.municipality).select_related(
        "institution", "framework", "version"
    )
    ids = access.institution_ids(C.VIEW_QUALITY)
    if ids is not None:
        rounds = rounds.filter(institution_id__in=ids)
    return rounds.annotate(
        sheet_count=Count("sheets", distinct=True),
        submitted_count=Count("sheets", filter=Q(sheets__submitted_at__isnull=False), distinct=True),
    ).order_by("-year", "institution__name", "framework_id")


def sheets_of_person(access: Access) -> QuerySet[Sheet]:
    """The person's own sheets in rounds still being scored: their to-do list."""
    return Sheet.objects.filter(
        municipality=access.municipality, assessor=access.user, round__status=RoundStatus.SCORING
    ).select_related("round__institution", "round__framework")


def round_for(access: Access, pk: int, capability: Capability = C.VIEW_QUALITY) -> Round:
    found = (
        Round.objects.filter(municipality=access.municipality, pk=pk)
        .select_related("institution", "framework", "version")
        .first()
    )
    if found is None:
        raise Http404
    require_capability(access, capability, found.institution)
    found.version.framework = found.framework
    return found


def sheet_of(access: Access, round_: Round) -> Sheet:
    """The person's own sheet in the round: only assessors named in it have one."""
    sheet = Sheet.objects.filter(round=round_, assessor=access.user).first()
    if sheet is None:
        raise PermissionDenied
    sheet.round = round_
    return sheet


def scores_of(sheet: Sheet) -> dict[int, Score]:
    scores = Score.objects.filter(sheet=sheet).prefetch_related("attachments")
    return {score.node_id: score for score in scores}


def may_see_scores(access: Access, round_: Round) -> bool:
    """Everyone's scores are shown once the round is approved; before, to its managers in consensus only.

    While assessors are scoring nobody sees another's scores, so no one anchors on them.
    """
    if round_.status == RoundStatus.APPROVED:
        return True
    return round_.status == RoundStatus.CONSENSUS and access.can(C.MANAGE_ASSESSMENTS, round_.institution)


def spreads_of(round_: Round) -> dict[int, maths.Spread]:
    """The spread of the submitted sheets' scores per criterion (node id), in one query."""
    values: dict[int, list[Decimal | None]] = defaultdict(list)
    rows = Score.objects.filter(sheet__round=round_, sheet__submitted_at__isnull=False).values_list("node_id", "value")
    for node_id, value in rows:
        values[node_id].append(value)
    return {node_id: maths.spread_of(vals, round_.scoring) for node_id, vals in values.items()}


def submitted_scores(round_: Round) -> dict[int, list[Score]]:
    """Every submitted score per criterion (node id), with its assessor and attachments, in three queries."""
    by_node: dict[int, list[Score]] = defaultdict(list)
    scores = (
        Score.objects.filter(sheet__round=round_, sheet__submitted_at__isnull=False)
        .select_related("sheet__assessor")
        .prefetch_related("attachments")
        .order_by("sheet_id")
    )
    for score in scores:
        by_node[score.node_id].append(score)
    return by_node


def results_of(round_: Round) -> dict[int, CriterionResult]:
    return {result.node_id: result for result in CriterionResult.objects.filter(round=round_)}


def result_for(round_: Round, pk: int) -> CriterionResult:
    result = CriterionResult.objects.filter(round=round_, pk=pk).select_related("node").first()
    if result is None:
        raise Http404
    result.round = round_
    result.node.version = round_.version
    return result
