from django.urls import URLPattern, path

app_name = "individualplans"

urlpatterns: list[URLPattern] = []
