"""Names of the knowledge base events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "category.create": _("Knowledge base category created"),
    "category.update": _("Knowledge base category changed"),
    "article.create": _("Article written"),
    "article.update": _("Article changed"),
    "article.review": _("Article checked and still right"),
    "article.archive": _("Article archived"),
    "article.restore": _("Article restored from the archive"),
    "article.feedback": _("Feedback on an article given"),
}

OBJECT_TYPE_LABELS = {
    "knowledge.category": _("Knowledge base category"),
    "knowledge.article": _("Knowledge base article"),
}
