from django.urls import path

from kokybe.eventlogs import views

app_name = "eventlogs"

urlpatterns = [
    path("", views.event_log_list, name="list"),
    path("import/", views.event_log_upload, name="import"),
    path("<int:event_log>/", views.event_log_detail, name="detail"),
    path("<int:event_log>/log.xes", views.event_log_download_xes, name="download_xes"),
    path("<int:event_log>/log.csv", views.event_log_download_csv, name="download_csv"),
    path("<int:event_log>/delete/", views.event_log_remove, name="delete"),
]
