from django.urls import include, path

from kokybe.tenancy import views

app_name = "tenancy"

manage = [
    path("institutions/new/", views.institution_create, name="institution_create"),
    path("institutions/<slug:institution>/edit/", views.institution_edit, name="institution_edit"),
    path("institutions/<slug:institution>/units/new/", views.unit_create, name="unit_create"),
    path("institutions/<slug:institution>/units/<int:unit>/edit/", views.unit_edit, name="unit_edit"),
    path("people/", views.people, name="people"),
    path("people/<int:user>/", views.person, name="person"),
    path("people/<int:user>/roles/<int:membership>/withdraw/", views.membership_revoke, name="membership_revoke"),
    path("invitations/new/", views.invitation_create, name="invitation_create"),
    path("invitations/<int:invitation>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<int:invitation>/withdraw/", views.invitation_revoke, name="invitation_revoke"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("institutions/", views.institution_list, name="institutions"),
    path("switch/", views.institution_switch, name="institution_switch"),
    path("institutions/<slug:institution>/", views.institution_detail, name="institution"),
    path("manage/", include(manage)),
]
