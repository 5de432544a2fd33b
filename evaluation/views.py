from core.views import ObjectDetailView, ObjectListView

from .models import Event, LearningEntry


class LearningListView(ObjectListView):
    queryset = LearningEntry.objects.select_related("initiative")


class LearningDetailView(ObjectDetailView):
    queryset = LearningEntry.objects.select_related("initiative")


class EventDetailView(ObjectDetailView):
    queryset = Event.objects.all()
