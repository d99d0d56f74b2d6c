from django.urls import path

from kokybe.assessments import views_compare, views_frameworks, views_rounds

app_name = "assessments"

urlpatterns = [
    path("", views_rounds.round_list, name="list"),
    path("overview/", views_compare.overview, name="overview"),
    path("overview/<int:framework>/<int:year>.<str:fmt>", views_compare.overview_download, name="overview_download"),
    path("rounds/new/", views_rounds.round_create, name="round_create"),
    path("rounds/<int:round>/", views_rounds.round_detail, name="round"),
    path("rounds/<int:round>/edit/", views_rounds.round_edit, name="round_edit"),
    path("rounds/<int:round>/sheet/", views_rounds.sheet, name="sheet"),
    path("rounds/<int:round>/files/<int:attachment>/", views_rounds.attachment, name="attachment"),
    path("rounds/<int:round>/consensus/", views_rounds.consensus_start, name="consensus_start"),
    path("rounds/<int:round>/consensus/<int:result>/", views_rounds.consensus_edit, name="consensus"),
    path("rounds/<int:round>/approve/", views_rounds.round_approve, name="round_approve"),
    path("rounds/<int:round>/compare/previous/", views_compare.compare_previous, name="compare_previous"),
    path("rounds/<int:round>/compare/peers/", views_compare.compare_peers, name="compare_peers"),
    path("rounds/<int:round>/compare/<str:what>.<str:fmt>", views_compare.compare_download, name="compare_download"),
    path("frameworks/", views_frameworks.framework_list, name="frameworks"),
    path("frameworks/install/", views_frameworks.frameworks_install, name="frameworks_install"),
    path("frameworks/new/", views_frameworks.framework_create, name="framework_create"),
    path("frameworks/<int:framework>/", views_frameworks.framework_detail, name="framework"),
    path("frameworks/<int:framework>/edit/", views_frameworks.framework_edit, name="framework_edit"),
    path("frameworks/<int:framework>/draft/", views_frameworks.framework_draft, name="framework_draft"),
    path("frameworks/<int:framework>/publish/", views_frameworks.framework_publish, name="framework_publish"),
    path("frameworks/<int:framework>/scale/", views_frameworks.scale_edit, name="scale_edit"),
    path("frameworks/<int:framework>/items/new/", views_frameworks.node_add, name="node_add"),
    path("frameworks/<int:framework>/items/<int:node>/", views_frameworks.node_edit, name="node_edit"),
    path("frameworks/<int:framework>/items/<int:node>/levels/", views_frameworks.node_levels, name="node_levels"),
    path("frameworks/<int:framework>/items/<int:node>/remove/", views_frameworks.node_remove, name="node_remove"),
    path("frameworks/<int:framework>/items/<int:node>/move/", views_frameworks.node_move, name="node_move"),
]
