"""Pages of outcome measures, under /m/<municipality>/outcomes/."""

from django.urls import URLPattern, path

from kokybe.outcomes import views, views_change, views_client

app_name = "outcomes"

urlpatterns: list[URLPattern] = [
    path("", views.library, name="library"),
    path("new/", views.instrument_new, name="instrument_new"),
    path("whoqol-bref/", views.whoqol_add, name="whoqol_add"),
    path("<int:outcome_instrument>/", views.instrument_detail, name="instrument"),
    path("<int:outcome_instrument>/items/new/", views.item_new, name="item_add"),
    path("<int:outcome_instrument>/subscales/new/", views.subscale_new, name="subscale_add"),
    path("<int:outcome_instrument>/publish/", views.publish, name="publish"),
    path("items/<int:outcome_item>/remove/", views.item_delete, name="item_remove"),
    path("change/", views_change.change, name="change"),
    path("client/<int:client>/", views_client.client_outcomes, name="client"),
    path("client/<int:client>/new/", views_client.measure, name="measure"),
    path("measurements/<int:outcome_measurement>/", views_client.measurement_detail, name="measurement"),
    path("measurements/<int:outcome_measurement>/correct/", views_client.measurement_edit, name="measurement_edit"),
]
