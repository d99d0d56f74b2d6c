"""Names of the survey events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from kokybe.surveys.models import Channel

ACTION_LABELS = {
    "dimension.create": _("Quality dimension created"),
    "survey.create": _("Survey created"),
    "survey.update": _("Survey settings changed"),
    "survey.version_open": _("Questionnaire opened for editing"),
    "survey.section_add": _("Questionnaire section added"),
    "survey.section_update": _("Questionnaire section changed"),
    "survey.section_remove": _("Questionnaire section removed"),
    "survey.question_save": _("Question saved"),
    "survey.question_remove": _("Question removed"),
    "survey.question_move": _("Question moved"),
    "survey.publish": _("Survey published"),
    "survey.close": _("Survey closed"),
    "survey.reopen": _("Survey reopened"),
    "survey.invitations_add": _("Survey invitations added"),
    "survey.invitations_remind": _("Survey reminders sent"),
    "survey.invitation_mail": _("Survey invitation e-mailed"),
    "survey.invitation_remind": _("Survey reminder e-mailed"),
    "survey.answering_start": _("Answering started"),
    "survey.answering_save": _("Answers saved for later"),
    "survey.response_receive": _("Filled-in questionnaire received"),
    "survey.response_enter": _("Filled-in questionnaire entered by staff"),
    "survey.responses_import": _("Filled-in questionnaires imported"),
    "survey.responses_export": _("Filled-in questionnaires downloaded"),
    "survey.texts_tag": _("Tag put on written answers"),
    "survey.texts_untag": _("Tag taken off written answers"),
}

OBJECT_TYPE_LABELS = {
    "surveys.survey": _("Survey"),
    "surveys.qualitydimension": _("Quality dimension"),
    "surveys.surveyinvitation": _("Survey invitation"),
}

# How the filled-in questionnaires came in, recorded on the survey's events.
VALUE_LABELS = {
    "surveys.survey": {"channel": dict(Channel.choices)},
}
