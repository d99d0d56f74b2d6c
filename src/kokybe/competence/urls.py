from django.urls import path

from kokybe.competence import views, views_coverage, views_plans, views_trainings

app_name = "competence"

urlpatterns = [
    path("", views.overview, name="home"),
    path("mine/", views.mine, name="mine"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/new/", views.topic_create, name="topic_create"),
    path("topics/<int:competence_topic>/", views.topic_edit, name="topic_edit"),
    path("needs/<int:need>/", views.need_edit, name="need_edit"),
    path("needs/<int:need>/withdraw/", views.need_withdraw, name="need_withdraw"),
    path("plans/", views_plans.plan_list, name="plans"),
    path("plans/new/", views_plans.plan_compile, name="plan_compile"),
    path("plans/<int:competence_plan>/", views_plans.plan_detail, name="plan"),
    path("plans/<int:competence_plan>/bring-in/", views_plans.plan_bring_in, name="plan_bring_in"),
    path("plans/<int:competence_plan>/approve/", views_plans.plan_approve, name="plan_approve"),
    path("plans/<int:competence_plan>/revise/", views_plans.plan_revise, name="plan_revise"),
    path("plans/<int:competence_plan>/trainings/new/", views_plans.planned_add, name="planned_add"),
    path("plans/<int:competence_plan>/trainings/<int:planned>/", views_plans.planned_edit, name="planned_edit"),
    path(
        "plans/<int:competence_plan>/trainings/<int:planned>/remove/",
        views_plans.planned_remove,
        name="planned_remove",
    ),
    path("trainings/<int:training>/", views_trainings.training_detail, name="training"),
    path("trainings/<int:training>/certificate/", views_trainings.certificate, name="certificate"),
    path("trainings/<int:training>/edit/", views_trainings.training_edit, name="training_edit"),
    path("trainings/<int:training>/remove/", views_trainings.training_delete, name="training_remove"),
    path("i/<slug:institution>/trainings/new/", views_trainings.training_new, name="training_record"),
    path("i/<slug:institution>/<int:year>/", views_coverage.coverage, name="coverage"),
    path("i/<slug:institution>/<int:year>/needs/", views.institution_needs, name="needs"),
    path("i/<slug:institution>/<int:year>/needs/new/", views.need_add, name="need_add"),
    path(
        "i/<slug:institution>/<int:year>/coverage.<str:fmt>",
        views_coverage.coverage_download,
        name="coverage_download",
    ),
]
