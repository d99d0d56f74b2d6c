from django.urls import URLPattern, path

app_name = "casework"

urlpatterns: list[URLPattern] = []
