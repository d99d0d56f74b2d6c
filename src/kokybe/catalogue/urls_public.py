from django.urls import URLPattern

app_name = "catalogue_public"

urlpatterns: list[URLPattern] = []
