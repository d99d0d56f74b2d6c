"""Building frameworks: create, copy, edit the draft version's tree and scale, publish. Atomic and audited.

A published version never changes. Editing a framework opens a draft version, a copy of the
latest published one; publishing the draft makes it the version new rounds use, while older rounds
keep pointing at the version they were scored against.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.assessments.models import Framework, FrameworkNode, FrameworkVersion, Scoring, VersionStatus
from kokybe.audit.services import audit_record, changes_between
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.core.texts import Texts
from kokybe.tenancy.models import Municipality


def _audit(actor: User | None, action: str, framework: Framework, changes: dict[str, Any] | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=framework,
        municipality_id=framework.municipality_id,
        changes=changes,
        label=framework.display_name[:200],
    )


def default_scale(scoring: str) -> list[dict[str, Any]]:
    """A starting scale for a new framework; the municipality rewrites the descriptions as it likes."""
    if scoring == Scoring.LEVELS_1_5:
        names = [
            {"lt": "Žemas", "lv": "Zems", "en": "Low"},
            {"lt": "Patenkinamas", "lv": "Apmierinošs", "en": "Satisfactory"},
            {"lt": "Vidutinis", "lv": "Vidējs", "en": "Average"},
            {"lt": "Geras", "lv": "Labs", "en": "Good"},
            {"lt": "Aukštas", "lv": "Augsts", "en": "High"},
        ]
        return [{"value": n, "upto": None, "name": name, "description": {}} for n, name in enumerate(names, 1)]
    if scoring in (Scoring.MET_NOT_MET, Scoring.CHECKLIST):
        no = {"lt": "Neatitinka", "lv": "Neatbilst", "en": "Not met"}
        yes = {"lt": "Atitinka", "lv": "Atbilst", "en": "Met"}
        if scoring == Scoring.CHECKLIST:
            no = {"lt": "Dar nėra", "lv": "Vēl nav", "en": "Not yet"}
            yes = {"lt": "Yra", "lv": "Ir", "en": "In place"}
        return [
            {"value": 0, "upto": None, "name": no, "description": {}},
            {"value": 1, "upto": None, "name": yes, "description": {}},
        ]
    bands = ((0, 10), (11, 30), (31, 50), (51, 70), (71, 90), (91, 100))
    return [{"value": low, "upto": high, "name": {"en": f"{low}–{high}"}, "description": {}} for low, high in bands]


def draft_of(framework: Framework) -> FrameworkVersion | None:
    return framework.versions.filter(status=VersionStatus.DRAFT).first()


def latest_published(framework: Framework) -> FrameworkVersion | None:
    return framework.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()


@transaction.atomic
def framework_create(
    *,
    actor: User,
    municipality: Municipality,
    name: Texts,
    description: Texts,
    scoring: str,
    main_language: str,
) -> Framework:
    """A framework of the municipality's own, with an empty draft version to build its tree in."""
    if not name.get(main_language):
        raise ServiceError(_("Give the framework a name in its main language."), field=f"name_{main_language}")
    framework = Framework.objects.create(
        municipality=municipality, name=name, description=description, scoring=scoring, main_language=main_language
    )
    FrameworkVersion.objects.create(
        municipality=municipality, framework=framework, number=1, scale=default_scale(scoring)
    )
    _audit(actor, "framework.create", framework, {"name": {"to": name}, "scoring": {"to": scoring}})
    return framework


@transaction.atomic
def framework_copy(*, actor: User, source: Framework, name: Texts) -> Framework:
    """A framework of one's own that starts as a copy of `source` (e.g. a built-in one), to adapt."""
    from_version = latest_published(source) or draft_of(source)
    if from_version is None:
        raise ServiceError(_("This framework has no version to copy."))
    if not name.get(source.main_language):
        raise ServiceError(_("Give the copy a name in its main language."), field=f"name_{source.main_language}")
    framework = Framework.objects.create(
        municipality=source.municipality,
        name=name,
        description=source.description,
        scoring=source.scoring,
        main_language=source.main_language,
        source=source.source,
        copied_from=source,
    )
    _copy_version(from_version, framework, number=1)
    _audit(actor, "framework.copy", framework, {"copied_from": {"to": source.display_name}})
    return framework


@transaction.atomic
def framework_update(*, actor: User, framework: Framework, shown_version: int, name: Texts, description: Texts) -> None:
    if not name.get(framework.main_language):
        raise ServiceError(
            _("Give the framework a name in its main language."), field=f"name_{framework.main_language}"
        )
    version_claim(framework, shown_version)
    changes = changes_between(
        {"name": framework.name, "description": framework.description}, {"name": name, "description": description}
    )
    framework.name, framework.description = name, description
    framework.save(update_fields=["name", "description"])
    _audit(actor, "framework.update", framework, changes)


def _copy_version(source: FrameworkVersion, framework: Framework, *, number: int) -> FrameworkVersion:
    version = FrameworkVersion.objects.create(
        municipality=framework.municipality,
        framework=framework,
        number=number,
        scale=source.scale,
        results_scale=source.results_scale,
    )
    copies: dict[int, FrameworkNode] = {}
    # Parents come before their children in (depth-first) position order only within siblings, so copy
    # level by level: roots first, then the children of what has been copied.
    pending = list(source.nodes.order_by("position", "pk"))
    while pending:
        waiting = []
        for node in pending:
            if node.parent_id is not None and node.parent_id not in copies:
                waiting.append(node)
                continue
            copies[node.pk] = FrameworkNode.objects.create(
                municipality=framework.municipality,
                version=version,
                parent=copies.get(node.parent_id) if node.parent_id else None,
                code=node.code,
                name=node.name,
                description=node.description,
                panel=node.panel,
                levels=node.levels,
                scored=node.scored,
                position=node.position,
            )
        pending = waiting
    return version


@transaction.atomic
def version_draft_open(*, actor: User, framework: Framework) -> FrameworkVersion:
    """The version being edited: the existing draft, or a new copy of the latest published one."""
    Framework.objects.select_for_update().get(pk=framework.pk)
    draft = draft_of(framework)
    if draft is not None:
        return draft
    published = latest_published(framework)
    if published is None:
        raise ServiceError(_("This framework has no version to start from."))
    draft = _copy_version(published, framework, number=published.number + 1)
    _audit(actor, "framework.draft_open", framework, {"version": {"to": draft.number}})
    return draft


def version_problems(version: FrameworkVersion) -> list[str]:
    """What keeps a draft from being published, in words the coordinator can act on."""
    problems = []
    nodes = list(version.nodes.all())
    if not any(node.scored for node in nodes):
        problems.append(_("The framework has no criterion to score yet."))
    language = version.framework.main_language
    for node in nodes:
        if not node.name.get(language):
            problems.append(_("“%(code)s” has no name in the framework's main language.") % {"code": node.code})
    return problems


@transaction.atomic
def version_publish(*, actor: User, version: FrameworkVersion, change_note: str = "") -> FrameworkVersion:
    locked = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.DRAFT:
        raise ServiceError(_("This version is already published; published versions do not change."))
    problems = version_problems(locked)
    if problems:
        raise ServiceError(" ".join(problems))
    locked.status = VersionStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.change_note = change_note
    locked.save(update_fields=["status", "published_at", "change_note"])
    _audit(actor, "framework.publish", locked.framework, {"version": {"to": locked.number}})
    return locked


def _require_draft(version: FrameworkVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ServiceError(_("Published versions do not change: open a draft version to edit the framework."))


@dataclass(frozen=True)
class NodeInput:
    code: str
    name: Texts
    description: Texts
    scored: bool
    panel: str = ""
    levels: tuple[dict[str, Any], ...] = ()


def _check_code(version: FrameworkVersion, code: str, node: FrameworkNode | None = None) -> None:
    clash = version.nodes.filter(code=code)
    if node is not None:
        clash = clash.exclude(pk=node.pk)
    if clash.exists():
        raise ServiceError(_("Another item of this framework has the code “%(code)s”.") % {"code": code}, field="code")


@transaction.atomic
def node_add(*, actor: User, version: FrameworkVersion, parent: FrameworkNode | None, data: NodeInput) -> FrameworkNode:
    _require_draft(FrameworkVersion.objects.select_for_update().get(pk=version.pk))
    if parent is not None and parent.version_id != version.pk:
        raise ServiceError(_("The parent item belongs to another version."))
    _check_code(version, data.code)
    last = version.nodes.filter(parent=parent).aggregate(last=Max("position"))["last"]
    node = FrameworkNode.objects.create(
        municipality=version.municipality,
        version=version,
        parent=parent,
        code=data.code,
        name=data.name,
        description=data.description,
        panel=data.panel,
        levels=list(data.levels),
        scored=data.scored,
        position=0 if last is None else last + 1,
    )
    _audit(actor, "framework.node_add", version.framework, {"node": {"to": f"{node.code} {node.name}"}})
    return node


@transaction.atomic
def node_update(*, actor: User, node: FrameworkNode, shown_version: int, data: NodeInput) -> None:
    _require_draft(FrameworkVersion.objects.select_for_update().get(pk=node.version_id))
    _check_code(node.version, data.code, node)
    version_claim(node, shown_version)
    before = {"code": node.code, "name": node.name, "description": node.description, "scored": node.scored}
    node.code, node.name, node.description, node.scored = data.code, data.name, data.description, data.scored
    node.panel, node.levels = data.panel, list(data.levels)
    node.save(update_fields=["code", "name", "description", "scored", "panel", "levels"])
    after = {"code": node.code, "name": node.name, "description": node.description, "scored": node.scored}
    _audit(actor, "framework.node_update", node.version.framework, changes_between(before, after))


@transaction.atomic
def node_remove(*, actor: User, node: FrameworkNode) -> None:
    """Remove an item and what is under it, from the draft only."""
    _require_draft(FrameworkVersion.objects.select_for_update().get(pk=node.version_id))
    label = f"{node.code} {node.name}"
    framework = node.version.framework
    node.delete()
    _audit(actor, "framework.node_remove", framework, {"node": {"from": label}})


@transaction.atomic
def node_move(*, actor: User, node: FrameworkNode, up: bool) -> None:
    """Swap the item with its neighbour above or below among its siblings."""
    _require_draft(FrameworkVersion.objects.select_for_update().get(pk=node.version_id))
    siblings = list(FrameworkNode.objects.filter(version_id=node.version_id, parent_id=node.parent_id))
    siblings.sort(key=lambda n: (n.position, n.pk))
    index = next(i for i, n in enumerate(siblings) if n.pk == node.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            FrameworkNode.objects.filter(pk=sibling.pk).update(position=position)
    _audit(actor, "framework.node_move", node.version.framework, {"node": {"to": node.code}})


@transaction.atomic
def scale_update(
    *, actor: User, version: FrameworkVersion, shown_version: int, descriptions: dict[int, tuple[Texts, Texts]]
) -> None:
    """The names and descriptions of the draft's scale levels, by level index."""
    _require_draft(FrameworkVersion.objects.select_for_update().get(pk=version.pk))
    version_claim(version, shown_version)
    scale = _described(version.scale, descriptions)
    before = version.scale
    version.scale = scale
    version.save(update_fields=["scale"])
    _audit(actor, "framework.scale_update", version.framework, changes_between({"scale": before}, {"scale": scale}))


def _described(levels: list[dict[str, Any]], descriptions: dict[int, tuple[Texts, Texts]]) -> list[dict[str, Any]]:
    described = [dict(level) for level in levels]
    for index, (name, description) in descriptions.items():
        described[index]["name"], described[index]["description"] = name, description
    return described


@transaction.atomic
def node_levels_update(
    *, actor: User, node: FrameworkNode, shown_version: int, descriptions: dict[int, tuple[Texts, Texts]]
) -> None:
    """What each level of the scale means for this criterion (starting from the framework's scale)."""
    version = FrameworkVersion.objects.select_for_update().get(pk=node.version_id)
    _require_draft(version)
    version_claim(node, shown_version)
    before = node.levels
    node.levels = _described(node.levels or version.scale, descriptions)
    node.save(update_fields=["levels"])
    _audit(
        actor,
        "framework.node_levels",
        version.framework,
        {"node": {"to": node.code}, **changes_between({"levels": before}, {"levels": node.levels})},
    )
