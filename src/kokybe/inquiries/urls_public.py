from django.urls import URLPattern

app_name = "inquiries_public"

urlpatterns: list[URLPattern] = []
