"""Pages of the individual plans, under /m/<municipality>/individual-plans/."""

from django.urls import URLPattern, path

from kokybe.individualplans import views, views_steps

app_name = "individualplans"

steps = views_steps

urlpatterns: list[URLPattern] = [
    path("client/<int:client>/", views.client_plans, name="client"),
    path("client/<int:client>/new/", views.plan_new, name="new"),
    path("<int:individual_plan>/", views.plan_detail, name="plan"),
    path("<int:individual_plan>/revisions/<int:revision_number>/", views.revision_detail, name="revision"),
    path("<int:individual_plan>/draft/", steps.draft_edit, name="draft_edit"),
    path("<int:individual_plan>/goals/new/", steps.goal_add, name="goal_add"),
    path("<int:individual_plan>/goals/<int:plan_goal>/edit/", steps.goal_edit, name="goal_edit"),
    path("<int:individual_plan>/goals/<int:plan_goal>/remove/", steps.goal_remove, name="goal_remove"),
    path("<int:individual_plan>/goals/<int:plan_goal>/actions/new/", steps.action_add, name="action_add"),
    path("<int:individual_plan>/actions/<int:plan_action>/remove/", steps.action_remove, name="action_remove"),
    path("<int:individual_plan>/agreement/", steps.agreement, name="agreement"),
    path("<int:individual_plan>/reviews/new/", steps.review_new, name="review_new"),
    path("<int:individual_plan>/revise/", steps.revise, name="revise"),
    path("<int:individual_plan>/responsible/", steps.responsible, name="responsible"),
    path("<int:individual_plan>/close/", steps.close, name="close"),
]
