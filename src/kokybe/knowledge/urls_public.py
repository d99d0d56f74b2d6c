from django.urls import path

from kokybe.knowledge import views_public

app_name = "knowledge_public"

urlpatterns = [
    path("<slug:place>/", views_public.index, name="index"),
    path("<slug:place>/<int:article>/", views_public.article, name="article"),
    path("<slug:place>/<int:article>/feedback/", views_public.article_feedback, name="feedback"),
]
