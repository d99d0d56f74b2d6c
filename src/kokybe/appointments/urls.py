from django.urls import URLPattern, path

app_name = "appointments"

urlpatterns: list[URLPattern] = []
