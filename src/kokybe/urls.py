from django.urls import include, path

from kokybe.core import views as core_views
from kokybe.tenancy.views_invitation import invitation_accept

handler400 = "kokybe.core.views.error_400"
handler403 = "kokybe.core.views.error_403"
handler404 = "kokybe.core.views.error_404"
handler500 = "kokybe.core.views.error_500"

urlpatterns = [
    path("", core_views.root, name="home"),
    path("accounts/", include("allauth.urls")),
    path("i18n/language/", core_views.language_set, name="language_set"),
    path("invitations/<str:token>/", invitation_accept, name="invitation_accept"),
    path("m/<slug:municipality>/", include("kokybe.tenancy.urls")),
    path("m/<slug:municipality>/audit/", include("kokybe.audit.urls")),
]
