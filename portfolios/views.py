from core.views import ObjectDetailView, ObjectListView

from .models import Portfolio, PortfolioReview


class PortfolioListView(ObjectListView):
    queryset = Portfolio.objects.all()


class PortfolioDetailView(ObjectDetailView):
    queryset = Portfolio.objects.all()


class ReviewDetailView(ObjectDetailView):
    queryset = PortfolioReview.objects.select_related("portfolio")

    def get_queryset(self):
        return super().get_queryset().filter(portfolio__slug=self.kwargs["slug"])
