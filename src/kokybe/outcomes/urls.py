from django.urls import URLPattern, path

app_name = "outcomes"

urlpatterns: list[URLPattern] = []
