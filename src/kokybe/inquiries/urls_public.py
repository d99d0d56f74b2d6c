"""Public signal pages (no sign-in): the form at /ask/<place>/ and the private status page."""

from django.urls import path

from kokybe.inquiries import views_public

app_name = "inquiries_public"

urlpatterns = [
    path("status/<str:token>/", views_public.status, name="status"),
    path("status/<str:token>/reply/", views_public.reply, name="reply"),
    path("<slug:place>/", views_public.ask, name="form"),
    path("<slug:place>/sent/<str:reference>/", views_public.sent, name="sent"),
]
