from django.urls import path

from kokybe.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("<int:article>/", views.article_detail, name="detail"),
]
