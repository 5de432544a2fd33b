"""This app's dataset in the DCAT catalogue of the API (core.exports, wired in
config/export_urls.py)."""

from core.exports import CatalogueDataset

from .models import Portfolio

DATASETS = (
    CatalogueDataset(
        key="portfolios",
        api_path="portfolios/",
        model=Portfolio,
        title={"da": "Porteføljer", "sv": "Portföljer", "en": "Portfolios"},
        description={
            "da": "Porteføljer af indsatser med kategorier, horisonter og beslutninger fra porteføljemøder.",
            "sv": "Portföljer av initiativ med kategorier, horisonter och beslut från portföljmöten.",
            "en": "Portfolios of initiatives with categories, horizons and decisions from portfolio reviews.",
        },
    ),
)
