"""Staff pages of signals coming in: logging a call or a visit."""

from django.urls import URLPattern, path

from kokybe.inquiries import views_intake

urlpatterns: list[URLPattern] = [
    path("call/", views_intake.call, name="call"),
    path("call/knowledge/", views_intake.call_search, name="call_search"),
]
