from django.urls import URLPattern

app_name = "inquiries"

urlpatterns: list[URLPattern] = []
