from core.api.routers import Router

from . import views

router = Router()
router.register("networks", views.NetworkViewSet)
router.register("organisations", views.OrganisationViewSet)
router.register("people", views.PersonViewSet)
router.register("memberships", views.MembershipViewSet)
