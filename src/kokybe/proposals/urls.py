from django.urls import URLPattern

app_name = "proposals"

urlpatterns: list[URLPattern] = []
