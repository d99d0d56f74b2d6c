from django.urls import path

from kokybe.surveys import views, views_collect, views_exports, views_import, views_preview, views_results, views_texts

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_create, name="create"),
    path("<int:survey>/", views.survey_detail, name="detail"),
    path("<int:survey>/settings/", views.survey_settings, name="settings"),
    path("<int:survey>/questions/", views.survey_questions, name="questions"),
    path("<int:survey>/questions/sections/new/", views.section_add, name="section_add"),
    path("<int:survey>/questions/sections/<int:section>/", views.section_edit, name="section_edit"),
    path("<int:survey>/questions/sections/<int:section>/remove/", views.section_remove, name="section_remove"),
    path("<int:survey>/questions/sections/<int:section>/new/", views.question_add, name="question_add"),
    path("<int:survey>/questions/q/<str:key>/", views.question_edit, name="question_edit"),
    path("<int:survey>/questions/q/<str:key>/remove/", views.question_remove, name="question_remove"),
    path("<int:survey>/questions/q/<str:key>/move/", views.question_move, name="question_move"),
    path("<int:survey>/preview/", views_preview.preview_start, name="preview"),
    path("<int:survey>/preview/<int:number>/", views_preview.preview_page, name="preview_page"),
    path("<int:survey>/preview/done/", views_preview.preview_done, name="preview_done"),
    path("<int:survey>/publish/", views.survey_publish, name="publish"),
    path("<int:survey>/close/", views.survey_close, name="close"),
    path("<int:survey>/enter/", views.response_enter, name="enter"),
    path("<int:survey>/invitations/", views_collect.invitation_list, name="invitations"),
    path("<int:survey>/invitations/remind/", views_collect.invitations_remind, name="invitations_remind"),
    path("<int:survey>/poster.pdf", views_collect.poster, name="poster"),
    path("<int:survey>/qr.svg", views_collect.qr_code, name="qr"),
    path("<int:survey>/results/", views_results.results, name="results"),
    path("<int:survey>/results/compare/", views_results.compare, name="compare"),
    path("<int:survey>/results/texts/", views_texts.texts, name="texts"),
    path("<int:survey>/results/texts.<str:fmt>", views_texts.texts_download, name="texts_download"),
    path("<int:survey>/results/institutions/", views_results.institutions_view, name="institutions"),
    path("<int:survey>/results/download.<str:fmt>", views_exports.export_results, name="export_results"),
    path("<int:survey>/responses/download.<str:fmt>", views_exports.export_responses, name="export_responses"),
    path("import/limesurvey/", views_import.limesurvey_survey, name="import_limesurvey"),
    path("<int:survey>/import/paper/", views_import.paper_upload, name="import_paper"),
    path("<int:survey>/import/paper/template.xlsx", views_import.paper_template, name="import_paper_template"),
    path("<int:survey>/import/limesurvey/", views_import.limesurvey_responses, name="import_limesurvey_responses"),
]
