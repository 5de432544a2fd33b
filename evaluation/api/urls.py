from core.api.routers import Router

from . import views

router = Router()
router.register("learning-entries", views.LearningEntryViewSet)
router.register("value-assessments", views.ValueAssessmentViewSet)
router.register("indicators", views.IndicatorViewSet)
router.register("measurements", views.MeasurementViewSet)
router.register("events", views.EventViewSet)
router.register("resource-observations", views.ResourceObservationViewSet)
router.register("learning-summaries", views.LearningSummaryViewSet)
