"""Installing the built-in frameworks (Kuldīga, CAF 2020, EQUASS, ISO 9001) into a municipality.

Each becomes a framework of the municipality with one published version; installing again adds
only the ones it lacks, so the demo and the "first use" button can both call it.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.assessments.builtin import BUILTIN_FRAMEWORKS, CAF_RESULTS_SCALE
from kokybe.assessments.builtin.spec import FrameworkSpec, LevelSpec, NodeSpec
from kokybe.assessments.models import Framework, FrameworkNode, FrameworkVersion, Panel, Scoring, VersionStatus
from kokybe.audit.services import audit_record
from kokybe.tenancy.models import Municipality


def level_json(level: LevelSpec) -> dict[str, Any]:
    return {
        "value": level.value,
        "upto": level.upto,
        "name": dict(level.name),
        "description": dict(level.description),
    }


def scoring_of(spec: FrameworkSpec) -> Scoring:
    return Scoring(str(spec.scoring))


@transaction.atomic
def frameworks_install_builtin(*, actor: User | None, municipality: Municipality) -> list[Framework]:
    """Add the built-in frameworks the municipality does not have yet; returns those added."""
    have = set(
        Framework.objects.filter(municipality=municipality)
        .exclude(builtin_key="")
        .values_list("builtin_key", flat=True)
    )
    added = []
    for spec in BUILTIN_FRAMEWORKS:
        if spec.key in have:
            continue
        scoring = scoring_of(spec)
        framework = Framework.objects.create(
            municipality=municipality,
            name=dict(spec.name),
            description=dict(spec.description),
            scoring=scoring,
            main_language=municipality.language,
            builtin_key=spec.key,
            source=dict(spec.source),
        )
        version = FrameworkVersion.objects.create(
            municipality=municipality,
            framework=framework,
            number=1,
            status=VersionStatus.PUBLISHED,
            scale=[level_json(level) for level in spec.scale],
            results_scale=[level_json(level) for level in CAF_RESULTS_SCALE] if framework.is_caf else [],
            published_at=timezone.now(),
        )
        _install_nodes(version, None, spec.nodes, inherited_panel="")
        audit_record(
            actor=actor,
            action="framework.install",
            target=framework,
            municipality_id=municipality.pk,
            changes={"builtin": {"to": spec.key}},
            label=framework.display_name[:200],
        )
        added.append(framework)
    return added


def _install_nodes(
    version: FrameworkVersion, parent: FrameworkNode | None, specs: tuple[NodeSpec, ...], inherited_panel: str
) -> None:
    for position, spec in enumerate(specs):
        panel = str(spec.panel or inherited_panel)
        node = FrameworkNode.objects.create(
            municipality=version.municipality,
            version=version,
            parent=parent,
            code=spec.code,
            name=dict(spec.name),
            description=dict(spec.description),
            panel=panel if panel in Panel.values else "",
            levels=[level_json(level) for level in spec.levels],
            scored=spec.scored,
            position=position,
        )
        _install_nodes(version, node, tuple(spec.children), panel)
