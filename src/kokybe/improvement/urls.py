from django.urls import path

from kokybe.improvement import views, views_actions, views_review

app_name = "improvement"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:plan>/", views.plan_detail, name="plan"),
    path("<int:plan>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan>/goals/new/", views.goal_create, name="goal_create"),
    path("<int:plan>/transition/<str:step>/", views.plan_transition, name="plan_transition"),
    path("<int:plan>/new-version/", views.plan_new_version, name="plan_new_version"),
    path("<int:plan>/return/", views.plan_return, name="plan_return"),
    path("<int:plan>/parts/<int:part>/<str:step>/", views.part_transition, name="part_transition"),
    path("<int:plan>/review/<int:year>/", views_review.review, name="review"),
    path("<int:plan>/execution/", views_review.execution, name="execution"),
    path("<int:plan>/execution.<str:fmt>", views_review.execution_download, name="execution_download"),
    path("goals/<int:goal>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:goal>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:action>/", views_actions.action_detail, name="action"),
    path("actions/<int:action>/edit/", views_actions.action_edit, name="action_edit"),
    path("actions/<int:action>/progress/", views_actions.action_progress, name="action_progress"),
    path(
        "actions/from/<str:cause_type>/<int:cause_id>/",
        views_actions.action_from_cause,
        name="action_from_cause",
    ),
]
