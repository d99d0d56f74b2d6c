from django.urls import path

from kokybe.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.municipality_overview, name="municipality"),
    path("overview.<str:fmt>", views.municipality_download, name="municipality_download"),
    path("<slug:institution>/", views.institution_dashboard, name="institution"),
    path("<slug:institution>/dashboard.<str:fmt>", views.institution_download, name="institution_download"),
]
