from django.urls import path

from kokybe.nonconformities import views, views_record

app_name = "nonconformities"

urlpatterns = [
    path("", views.nonconformity_list, name="list"),
    path("register.csv", views.register_download, {"fmt": "csv"}, name="download_csv"),
    path("register.xlsx", views.register_download, {"fmt": "xlsx"}, name="download_xlsx"),
    path("new/", views.nonconformity_report_view, name="report"),
    path("measures/", views.measures, name="measures"),
    path("<int:nonconformity>/", views_record.nonconformity_detail, name="detail"),
    path("<int:nonconformity>/edit/", views_record.nonconformity_edit, name="edit"),
    path("<int:nonconformity>/analysis/", views_record.nonconformity_analysis, name="analysis"),
    path("<int:nonconformity>/actions/new/", views_record.corrective_action_create, name="action_add"),
    path(
        "<int:nonconformity>/actions/<int:corrective_action>/done/",
        views_record.corrective_action_done,
        name="action_done",
    ),
    path("<int:nonconformity>/check/", views_record.effectiveness_check, name="check"),
]
