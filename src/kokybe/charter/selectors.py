"""Reading the charter, tenant first: its versions, a version's content as a tree, and what it refers to."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from kokybe.catalogue.models import Service
from kokybe.charter.measures import MEASURES, SERVICE, SURVEY_DIMENSION
from kokybe.charter.models import (
    CharterVersion,
    Commitment,
    Expectation,
    FiguresRefreshState,
    Indicator,
    IndicatorFigure,
    VersionStatus,
)
from kokybe.surveys.models import QualityDimension
from kokybe.tenancy.models import Institution, Municipality


def charter_versions(municipality: Municipality) -> QuerySet[CharterVersion]:
    """Every version of the municipality's charter, newest first."""
    return (
        CharterVersion.objects.filter(municipality=municipality)
        .select_related("created_by", "adopted_by", "municipality")
        .order_by("-number")
    )


def charter_version(municipality: Municipality, number: int) -> CharterVersion:
    version = charter_versions(municipality).filter(number=number).first()
    if version is None:
        raise Http404
    return version


def draft_of(municipality: Municipality) -> CharterVersion | None:
    return charter_versions(municipality).filter(status=VersionStatus.DRAFT).first()


def in_force(municipality: Municipality) -> CharterVersion | None:
    """The adopted version: the charter the municipality's institutions are held to now."""
    return charter_versions(municipality).filter(status=VersionStatus.ADOPTED).first()


def expectation_of_draft(municipality: Municipality, pk: int) -> Expectation:
    """An expectation of the version being drafted (404 for one of an adopted version: those are read-only)."""
    found = (
        Expectation.objects.filter(municipality=municipality, pk=pk, version__status=VersionStatus.DRAFT)
        .select_related("version", "municipality")
        .first()
    )
    if found is None:
        raise Http404
    return found


def commitment_of_draft(municipality: Municipality, pk: int) -> Commitment:
    found = (
        Commitment.objects.filter(municipality=municipality, pk=pk, version__status=VersionStatus.DRAFT)
        .select_related("version", "expectation", "municipality")
        .first()
    )
    if found is None:
        raise Http404
    return found


def indicator_of_draft(municipality: Municipality, pk: int) -> Indicator:
    found = (
        Indicator.objects.filter(municipality=municipality, pk=pk, version__status=VersionStatus.DRAFT)
        .select_related("version", "commitment", "municipality")
        .prefetch_related("institutions")
        .first()
    )
    if found is None:
        raise Http404
    return found


def expectations_of(version: CharterVersion) -> QuerySet[Expectation]:
    return Expectation.objects.filter(municipality_id=version.municipality_id, version=version).order_by("order", "pk")


@dataclass(frozen=True)
class DraftContent:
    """How much a draft holds: what discarding it would remove."""

    expectations: int
    commitments: int
    indicators: int


def draft_content(municipality: Municipality, version: CharterVersion) -> DraftContent:
    return DraftContent(
        expectations=Expectation.objects.filter(municipality=municipality, version=version).count(),
        commitments=Commitment.objects.filter(municipality=municipality, version=version).count(),
        indicators=Indicator.objects.filter(municipality=municipality, version=version).count(),
    )


@dataclass
class CommitmentNode:
    commitment: Commitment
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class ExpectationNode:
    expectation: Expectation
    commitments: list[CommitmentNode] = field(default_factory=list)


def version_tree(version: CharterVersion) -> list[ExpectationNode]:
    """The version's expectations, each with its commitments, each with its indicators, in their order.

    Four queries whatever the size: expectations, commitments, indicators, and their institutions.
    """
    municipality_id = version.municipality_id
    nodes = {
        expectation.pk: ExpectationNode(expectation)
        for expectation in expectations_of(version).select_related("municipality")
    }
    commitments: dict[int, CommitmentNode] = {}
    for commitment in (
        Commitment.objects.filter(municipality_id=municipality_id, version=version)
        .select_related("municipality")
        .order_by("order", "pk")
    ):
        commitments[commitment.pk] = CommitmentNode(commitment)
        nodes[commitment.expectation_id].commitments.append(commitments[commitment.pk])
    institutions = Institution.objects.filter(municipality_id=municipality_id).order_by("name")
    for indicator in (
        Indicator.objects.filter(municipality_id=municipality_id, version=version)
        .prefetch_related(Prefetch("institutions", queryset=institutions))
        .order_by("order", "pk")
    ):
        commitments[indicator.commitment_id].indicators.append(indicator)
    return list(nodes.values())


def indicators_of(tree: list[ExpectationNode]) -> list[Indicator]:
    return [indicator for node in tree for branch in node.commitments for indicator in branch.indicators]


@dataclass(frozen=True)
class Parameters:
    """The names of what indicators are narrowed to: catalogue services and survey quality dimensions."""

    services: dict[int, Service]
    dimensions: dict[str, QualityDimension]

    def label_of(self, indicator: Indicator) -> str:
        """The service or dimension the indicator reads, by name; "" when it is not narrowed."""
        measure = MEASURES.get(indicator.measure_key)
        if measure is None:
            return ""
        if measure.parameter_kind == SERVICE and SERVICE in indicator.parameter:
            service = self.services.get(indicator.parameter[SERVICE])
            return service.display_name if service else ""
        if measure.parameter_kind == SURVEY_DIMENSION:
            dimension = self.dimensions.get(indicator.parameter.get(SURVEY_DIMENSION, ""))
            return dimension.display_name if dimension else indicator.parameter.get(SURVEY_DIMENSION, "")
        return ""


def parameters_of(municipality: Municipality, indicators: list[Indicator]) -> Parameters:
    """The services and dimensions `indicators` name, in two queries at most."""
    service_ids = {i.parameter[SERVICE] for i in indicators if SERVICE in i.parameter}
    codes = {i.parameter[SURVEY_DIMENSION] for i in indicators if SURVEY_DIMENSION in i.parameter}
    services = (
        {
            s.pk: s
            for s in Service.objects.filter(municipality=municipality, pk__in=service_ids).select_related(
                "municipality"
            )
        }
        if service_ids
        else {}
    )
    dimensions = (
        {d.code: d for d in QualityDimension.objects.filter(municipality=municipality, code__in=codes)} if codes else {}
    )
    return Parameters(services, dimensions)


def catalogue_services(municipality: Municipality) -> list[Service]:
    """The services an indicator can be narrowed to, by name."""
    services = Service.objects.filter(municipality=municipality).select_related("municipality")
    return sorted(services, key=lambda service: service.display_name.casefold())


def quality_dimensions(municipality: Municipality) -> list[QualityDimension]:
    return list(QualityDimension.objects.filter(municipality=municipality).order_by("source", "name"))


def active_institutions(municipality: Municipality) -> QuerySet[Institution]:
    return Institution.objects.filter(municipality=municipality, is_active=True).order_by("name")


def indicator_of(municipality: Municipality, version: CharterVersion, pk: int) -> Indicator | None:
    """An indicator of `version`, with its commitment and institutions."""
    return (
        Indicator.objects.filter(municipality=municipality, version=version, pk=pk)
        .select_related("commitment", "commitment__municipality", "municipality")
        .prefetch_related("institutions")
        .first()
    )


FigureKey = tuple[int, int | None, datetime.date]  # indicator, institution (None: those covered together), start


def indicator_figures(
    municipality: Municipality, version: CharterVersion, period_starts: Iterable[datetime.date]
) -> dict[FigureKey, IndicatorFigure]:
    """The kept figures of `version`'s indicators in the periods starting on `period_starts`; one query."""
    rows = IndicatorFigure.objects.filter(
        municipality=municipality, version=version, period_start__in=sorted(set(period_starts))
    )
    return {(row.indicator_id, row.institution_id, row.period_start): row for row in rows}


def figures_as_of(municipality: Municipality) -> datetime.datetime | None:
    """When the indicator figures were last brought up to date; None when never."""
    return FiguresRefreshState.objects.filter(municipality=municipality).values_list("computed_at", flat=True).first()
