from django.urls import path

from kokybe.proposals import views_public

app_name = "proposals_public"

urlpatterns = [
    path("<slug:box>/", views_public.box, name="start"),
    path("<slug:box>/thanks/<str:reference>/", views_public.thanks, name="thanks"),
]
