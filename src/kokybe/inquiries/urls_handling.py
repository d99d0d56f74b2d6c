"""Staff pages of handling signals: the queue, a signal's page and its steps, and the settings."""

from django.urls import URLPattern, path

from kokybe.inquiries import views_handling, views_handling_answer, views_handling_settings, views_handling_steps

steps = views_handling_steps
settings = views_handling_settings

urlpatterns: list[URLPattern] = [
    path("", views_handling.queue, name="queue"),
    path("<int:signal>/", views_handling.signal_detail, name="detail"),
    path("<int:signal>/files/<int:signal_file>/", views_handling.signal_file, name="file"),
    path("<int:signal>/answer/", views_handling_answer.signal_answer_page, name="answer"),
    path("<int:signal>/assign/", steps.signal_assign, name="assign"),
    path("<int:signal>/forward/", steps.signal_forward, name="forward"),
    path("<int:signal>/wait/", steps.signal_wait, name="wait"),
    path("<int:signal>/resume/", steps.signal_resume, name="resume"),
    path("<int:signal>/close/", steps.signal_close, name="close"),
    path("<int:signal>/reopen/", steps.signal_reopen, name="reopen"),
    path("<int:signal>/merge/", steps.signal_merge, name="merge"),
    path("<int:signal>/nonconformity/", steps.signal_nonconformity, name="nonconformity"),
    path("<int:signal>/edit/", steps.signal_edit, name="edit"),
    path("<int:signal>/note/", steps.signal_note, name="note"),
    path("settings/", settings.settings_page, name="settings"),
    path("settings/topics/new/", settings.topic_create, name="topic_create"),
    path("settings/topics/<int:topic>/", settings.topic_edit, name="topic_edit"),
    path("settings/deadlines/<int:policy>/", settings.policy_edit, name="policy_edit"),
    path("settings/templates/new/", settings.template_create, name="template_create"),
    path("settings/templates/<int:template>/", settings.template_edit, name="template_edit"),
]
