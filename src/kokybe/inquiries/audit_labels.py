"""Names of the signal events on the audit trail (format: kokybe.audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "signal.receive": _("Signal received"),
    "signal.assign": _("Signal assigned"),
    "signal.forward": _("Signal forwarded"),
    "signal.forward_email": _("Person told of the forwarding by e-mail"),
    "signal.wait": _("Signal waiting for the person"),
    "signal.resume": _("Signal resumed"),
    "signal.answer": _("Signal answered"),
    "signal.answer_email": _("Answer e-mailed to the person"),
    "signal.close": _("Signal closed"),
    "signal.reopen": _("Signal reopened"),
    "signal.merge": _("Signal merged into another"),
    "signal.reply_receive": _("Person's reply received"),
    "signal.rate": _("Answer rated by the person"),
    "signal.classify": _("Signal's type, topic or priority corrected"),
    "signal.note_add": _("Internal note added to a signal"),
    "signal.nonconformity_report": _("Complaint registered as a nonconformity"),
    "signal.deadline_warn": _("Assignee warned of the deadline"),
    "signal.escalate": _("Overdue signal escalated to the director"),
    "signal_topic.create": _("Signal topic created"),
    "signal_topic.update": _("Signal topic changed"),
    "signal_deadline_policy.update": _("Signal deadline policy changed"),
    "answer_template.create": _("Answer template created"),
    "answer_template.update": _("Answer template changed"),
}

OBJECT_TYPE_LABELS = {
    "inquiries.signal": _("Signal"),
    "inquiries.signalmessage": _("Message of a signal"),
    "inquiries.signalnote": _("Internal note"),
    "inquiries.signalattachment": _("File of a signal"),
    "inquiries.topic": _("Signal topic"),
    "inquiries.deadlinepolicy": _("Signal deadline policy"),
    "inquiries.answertemplate": _("Answer template"),
}

# How the person's reply came in (`signal.reply_receive`): not a field of the message.
VALUE_LABELS = {
    "inquiries.signalmessage": {
        "by": {"status_page": _("from the status page"), "email": _("by e-mail")},
    },
}
