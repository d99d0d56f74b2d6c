"""Staff pages of signals: the queues and handling (urls_handling) and logging calls and visits (urls_intake)."""

from kokybe.inquiries import urls_handling, urls_intake

app_name = "inquiries"

urlpatterns = urls_handling.urlpatterns + urls_intake.urlpatterns
