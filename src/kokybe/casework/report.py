"""The courses of services in the client's subject-access report (GDPR Art. 15): every course with every
step, who took it and when, the needs found, the reasons and notes."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.casework.models import CourseEvent, ServiceCourse
from kokybe.clients.models import Client
from kokybe.clients.subject_access import ReportItem, ReportSection, model_facts, report_value


def _courses(client: Client) -> list[ReportItem]:
    courses = (
        ServiceCourse.objects.filter(municipality_id=client.municipality_id, client=client)
        .select_related("service__municipality", "institution")
        .order_by("requested_at", "id")
    )
    events = (
        CourseEvent.objects.filter(municipality_id=client.municipality_id, course__client=client)
        .select_related("worker")
        .order_by("course_id", "at", "id")
    )
    steps_of: dict[int, list[CourseEvent]] = {}
    for event in events:
        steps_of.setdefault(event.course_id, []).append(event)
    items = []
    for course in courses:
        facts = [(_("Service"), course.service.display_name)]
        facts += model_facts(course, ("institution", "state", "external_id"))
        for event in steps_of.get(course.pk, []):
            who = report_value(event.worker) if event.worker is not None else _("imported from another system")
            parts = [f"{report_value(event.at)}, {who}"]
            if event.needs:
                parts.append(_("needs found: %(needs)s") % {"needs": "; ".join(event.need_labels)})
            if event.reason:
                parts.append(_("reason: %(reason)s") % {"reason": event.reason_display})
            if event.note:
                parts.append(event.note)
            facts.append((event.get_kind_display(), " — ".join(parts)))
        title = _("%(service)s, course no. %(number)d") % {"service": course.service.display_name, "number": course.pk}
        items.append(ReportItem(title=title, facts=facts))
    return items


SECTION = ReportSection(
    key="service_courses",
    title=gettext_lazy("Services and their course"),
    models=(ServiceCourse, CourseEvent),
    collect=_courses,
    order=10,
)
