from django.urls import path

from kokybe.charter import views, views_compliance, views_content

app_name = "charter"

urlpatterns = [
    path("", views.version_list, name="versions"),
    path("new/", views.draft_create, name="draft_create"),
    path("v/<int:charter_version>/", views.version_detail, name="version"),
    path("v/<int:charter_version>/introduction/", views.version_edit, name="version_edit"),
    path("v/<int:charter_version>/adopt/", views.version_adopt, name="adopt"),
    path("v/<int:charter_version>/discard/", views.version_discard, name="discard"),
    path("v/<int:charter_version>/expectations/new/", views_content.expectation_add, name="expectation_add"),
    path("expectations/<int:charter_expectation>/", views_content.expectation_edit, name="expectation_edit"),
    path("expectations/<int:charter_expectation>/remove/", views_content.expectation_remove, name="expectation_remove"),
    path("expectations/<int:charter_expectation>/move/", views_content.expectation_move, name="expectation_move"),
    path(
        "expectations/<int:charter_expectation>/commitments/new/",
        views_content.commitment_add,
        name="commitment_add",
    ),
    path("commitments/<int:charter_commitment>/", views_content.commitment_edit, name="commitment_edit"),
    path("commitments/<int:charter_commitment>/remove/", views_content.commitment_remove, name="commitment_remove"),
    path("commitments/<int:charter_commitment>/move/", views_content.commitment_move, name="commitment_move"),
    path("commitments/<int:charter_commitment>/indicators/new/", views_content.indicator_add, name="indicator_add"),
    path("indicators/<int:charter_indicator>/", views_content.indicator_edit, name="indicator_edit"),
    path("indicators/<int:charter_indicator>/remove/", views_content.indicator_remove, name="indicator_remove"),
    path("compliance/", views_compliance.compliance, name="compliance"),
    path("compliance/download/", views_compliance.compliance_download, name="compliance_download"),
    path("compliance/<int:adopted_indicator>/", views_compliance.indicator_trends, name="compliance_indicator"),
]
