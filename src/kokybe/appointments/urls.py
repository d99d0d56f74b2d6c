"""Pages of appointments, under /m/<municipality>/appointments/."""

from django.urls import URLPattern, path

from kokybe.appointments import views

app_name = "appointments"

urlpatterns: list[URLPattern] = [
    path("", views.mine, name="mine"),
    path("punctuality/", views.punctuality, name="punctuality"),
    path("client/<int:client>/", views.client_appointments, name="client"),
    path("client/<int:client>/new/", views.book, name="book"),
    path("<int:appointment>/", views.detail, name="detail"),
    path("<int:appointment>/outcome/", views.outcome, name="outcome"),
    path("<int:appointment>/move/", views.move, name="move"),
]
