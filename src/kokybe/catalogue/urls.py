from django.urls import path

from kokybe.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.service_list, name="list"),
    path("new/", views.service_create, name="create"),
    path("<int:service>/", views.service_detail, name="detail"),
    path("<int:service>/edit/", views.service_edit, name="edit"),
    path("<int:service>/publish/", views.service_publish, name="publish"),
    path("<int:service>/unpublish/", views.service_unpublish, name="unpublish"),
    path("<int:service>/confirm/", views.service_confirm, name="confirm"),
    path("<int:service>/history/", views.service_history, name="history"),
    path("<int:service>/history/<int:service_version>/", views.service_version, name="version"),
]
