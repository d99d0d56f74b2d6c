from django.urls import path

from kokybe.charter import views_public

app_name = "charter_public"

urlpatterns = [
    path("<slug:place>/", views_public.charter_page, name="charter"),
]
