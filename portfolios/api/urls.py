from core.api.routers import Router

from . import views

router = Router()
router.register("portfolios", views.PortfolioViewSet)
router.register("categories", views.CategoryViewSet)
router.register("portfolio-entries", views.PortfolioEntryViewSet)
router.register("reviews", views.PortfolioReviewViewSet)
router.register("review-decisions", views.ReviewDecisionViewSet)
router.register("notes", views.NoteViewSet)
