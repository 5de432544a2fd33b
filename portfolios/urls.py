from django.urls import path

from . import views

app_name = "portfolios"
urlpatterns = [
    path("portfolios/", views.PortfolioListView.as_view(), name="portfolio_list"),
    # Before <slug>/: "add" is the create page, not a portfolio.
    path("portfolios/add/", views.PortfolioEditView.as_view(), name="portfolio_add"),
    path("portfolios/<slug:slug>/", views.PortfolioDetailView.as_view(), name="portfolio_detail"),
    path("portfolios/<slug:slug>/history/", views.PortfolioHistoryView.as_view(), name="portfolio_history"),
    path(
        "portfolios/<slug:slug>/export/<str:export_format>/",
        views.PortfolioExportView.as_view(),
        name="portfolio_export",
    ),
    path("portfolios/<slug:slug>/edit/", views.PortfolioEditView.as_view(), name="portfolio_edit"),
    path("portfolios/<slug:slug>/entries/add/", views.EntryAddView.as_view(), name="entry_add"),
    path("portfolios/<slug:slug>/entries/<int:pk>/edit/", views.EntryEditView.as_view(), name="entry_edit"),
    path("portfolios/<slug:slug>/shift/", views.PortfolioShiftView.as_view(), name="portfolio_shift"),
    path("portfolios/<slug:slug>/notes/", views.NoteBoardView.as_view(), name="note_board"),
    path("portfolios/<slug:slug>/notes/add/", views.NoteAddView.as_view(), name="note_add"),
    path(
        "portfolios/<slug:slug>/notes/<int:pk>/initiative/",
        views.NoteToInitiativeView.as_view(),
        name="note_to_initiative",
    ),
    path("portfolios/<slug:slug>/reviews/open/", views.ReviewOpenView.as_view(), name="review_open"),
    path("portfolios/<slug:slug>/reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review_detail"),
    path(
        "portfolios/<slug:slug>/reviews/<int:pk>/assess/<int:initiative>/",
        views.ReviewAssessView.as_view(),
        name="review_assess",
    ),
    path("portfolios/<slug:slug>/reviews/<int:pk>/close/", views.ReviewCloseView.as_view(), name="review_close"),
    path(
        "portfolios/<slug:slug>/reviews/<int:pk>/export/<str:export_format>/",
        views.ReviewExportView.as_view(),
        name="review_export",
    ),
]
