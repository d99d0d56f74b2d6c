"""Staff pages of handling signals: the queue, a signal's page and its steps, and the settings."""

from django.urls import URLPattern, path

from kokybe.inquiries import views_handling

urlpatterns: list[URLPattern] = [
    path("", views_handling.queue, name="queue"),
    path("<int:signal>/", views_handling.signal_detail, name="detail"),
    path("<int:signal>/files/<int:signal_file>/", views_handling.signal_file, name="file"),
]
