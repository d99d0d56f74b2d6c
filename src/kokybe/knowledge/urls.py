from django.urls import path

from kokybe.knowledge import views, views_categories

app_name = "knowledge"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("new/", views.article_create, name="create"),
    path("categories/", views_categories.category_list, name="categories"),
    path("categories/new/", views_categories.category_create, name="category_create"),
    path("categories/<int:article_category>/", views_categories.category_edit, name="category_edit"),
    path("<int:article>/", views.article_detail, name="detail"),
    path("<int:article>/edit/", views.article_edit, name="edit"),
    path("<int:article>/review/", views.article_review, name="review"),
    path("<int:article>/archive/", views.article_archive, name="archive"),
    path("<int:article>/restore/", views.article_restore, name="restore"),
    path("<int:article>/feedback/", views.article_feedback, name="feedback"),
    path("<int:article>/history/", views.article_history, name="history"),
    path("<int:article>/history/<int:number>/", views.article_version, name="version"),
]
