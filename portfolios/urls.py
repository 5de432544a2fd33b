from django.urls import path

from . import views

app_name = "portfolios"
urlpatterns = [
    path("portfolios/", views.PortfolioListView.as_view(), name="portfolio_list"),
    path("portfolios/<slug:slug>/", views.PortfolioDetailView.as_view(), name="portfolio_detail"),
    path("portfolios/<slug:slug>/reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review_detail"),
]
