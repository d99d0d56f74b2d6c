from django.urls import URLPattern, path

app_name = "clientimports"

urlpatterns: list[URLPattern] = []
