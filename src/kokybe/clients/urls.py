"""Pages of the client register, under /m/<municipality>/clients/."""

from django.urls import URLPattern, path

from kokybe.clients import views, views_report, views_steps

app_name = "clients"

steps = views_steps

urlpatterns: list[URLPattern] = [
    path("", views.client_list, name="list"),
    path("new/", views.client_register_page, name="register"),
    path("<int:client>/", views.client_record, name="record"),
    path("<int:client>/reason/", views.client_reason, name="reason"),
    path("<int:client>/edit/", views.client_edit, name="edit"),
    path("<int:client>/merge/", steps.merge, name="merge"),
    path("<int:client>/consents/new/", steps.consent_add, name="consent_add"),
    path("<int:client>/consents/<int:client_consent>/withdraw/", steps.consent_withdraw_page, name="consent_withdraw"),
    path("<int:client>/family/new/", steps.family_add, name="family_add"),
    path("<int:client>/family/<int:family_link>/remove/", steps.family_remove, name="family_remove"),
    path("<int:client>/serving/new/", steps.serve, name="serve"),
    path("<int:client>/serving/<int:client_serving>/end/", steps.serve_end, name="serve_end"),
    path("<int:client>/subject-access/", views_report.access_report, name="access_report"),
    path("<int:client>/subject-access/pdf/", views_report.access_report_pdf, name="access_report_pdf"),
    path("<int:client>/subject-access/json/", views_report.access_report_json, name="access_report_json"),
]
