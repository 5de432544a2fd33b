"""/api/v1/export/: the standard exports (IATI, Popolo, DCAT-AP). URL wiring only.

This module is where the apps meet: the IATI export (initiatives) gets its results from
evaluation's indicators, and the DCAT catalogue (core) gets each app's datasets, without
either importing the other. Each app describes its own datasets (`DATASETS` in its
exports.py)."""

from django.urls import path

from core.exports import DcatCatalogView
from evaluation import exports as evaluation_exports
from initiatives import exports as initiatives_exports
from partners import exports as partners_exports
from portfolios import exports as portfolios_exports

# The catalogue's datasets, in the order the apps build on each other.
DATASETS = (
    *partners_exports.DATASETS,
    *initiatives_exports.DATASETS,
    *portfolios_exports.DATASETS,
    *evaluation_exports.DATASETS,
)

app_name = "export"
urlpatterns = [
    path(
        "iati/",
        initiatives_exports.IatiExportView.as_view(results_source=evaluation_exports.indicator_results),
        name="iati",
    ),
    path("popolo/", partners_exports.PopoloExportView.as_view(), name="popolo"),
    path("dcat/", DcatCatalogView.as_view(datasets=DATASETS), name="dcat"),
]
