from django.urls import path

from kokybe.analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.processes, name="processes"),
    path("<slug:process>/", views.process_page, name="process"),
    path("<slug:process>/cases/", views.process_cases, name="cases"),
    path("<slug:process>/<slug:table>.<str:fmt>", views.process_download, name="download"),
]
