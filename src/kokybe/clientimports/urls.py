from django.urls import path

from kokybe.clientimports import views
from kokybe.clientimports.models import ImportKind

app_name = "clientimports"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.import_upload, name="upload"),
    path("<int:import_run>/", views.import_run, name="run"),
    path("<int:import_run>/import/", views.import_run_import, name="import"),
    path("<int:import_run>/discard/", views.import_run_discard_view, name="discard"),
    # The blank templates: fixed addresses (no kwargs), one per kind and format.
    *(
        path(
            f"template/{kind.replace('_', '-')}.{fmt}",
            views.import_template,
            {"import_kind": kind, "fmt": fmt},
            name=f"template_{kind}_{fmt}",
        )
        for kind in ImportKind.values
        for fmt in ("csv", "xlsx")
    ),
]
