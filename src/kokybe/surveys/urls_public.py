from django.urls import path

from kokybe.surveys import views_public

app_name = "survey_public"

urlpatterns = [
    path("<str:code>/", views_public.start, name="start"),
    path("<str:code>/at/<slug:institution>/", views_public.start, name="start_at"),
    path("<str:code>/page/<int:number>/", views_public.page, name="page"),
    path("<str:code>/saved/", views_public.saved, name="saved"),
    path("<str:code>/resume/", views_public.resume, name="resume"),
    path("<str:code>/invited/", views_public.invited, name="invited"),
    path("<str:code>/thanks/", views_public.thanks, name="thanks"),
]
