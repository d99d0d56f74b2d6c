from django.urls import path

from kokybe.proposals import views, views_figures

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_create, name="create"),
    path("slips/new/", views.slip_create, name="slip_create"),
    path("box-qr.svg", views.box_qr, name="box_qr"),
    path("figures/", views_figures.figures_page, name="figures"),
    path("figures.csv", views_figures.figures_csv, name="figures_csv"),
    path("<int:proposal>/", views.proposal_detail, name="detail"),
    path("<int:proposal>/edit/", views.proposal_edit, name="edit"),
    path("<int:proposal>/evaluate/", views.proposal_evaluate, name="evaluate"),
    path("<int:proposal>/decide/", views.proposal_decide, name="decide"),
]
