"""Pages of the courses of services, under /m/<municipality>/services-given/."""

from django.urls import URLPattern, path

from kokybe.casework import views

app_name = "casework"

urlpatterns: list[URLPattern] = [
    path("", views.course_list, name="list"),
    path("export.xes", views.course_export_xes, name="export_xes"),
    path("export.csv", views.course_export_csv, name="export_csv"),
    path("client/<int:client>/", views.client_courses, name="client"),
    path("client/<int:client>/new/", views.course_request_page, name="request"),
    path("<int:service_course>/", views.course_page, name="course"),
    path("<int:service_course>/assessment/", views.assess, name="assess"),
    path("<int:service_course>/decision/", views.decide, name="decide"),
    path("<int:service_course>/start/", views.start, name="start"),
    path("<int:service_course>/review/", views.review, name="review"),
    path("<int:service_course>/end/", views.end, name="end"),
]
