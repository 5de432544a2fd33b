from core.api.routers import Router

from . import views

router = Router()
router.register("themes", views.ThemeViewSet)
router.register("missions", views.MissionViewSet)
router.register("mission-organisations", views.MissionOrganisationViewSet)
router.register("initiatives", views.InitiativeViewSet)
router.register("participations", views.ParticipationViewSet)
router.register("phase-changes", views.PhaseChangeViewSet)
router.register("fundings", views.FundingViewSet)
