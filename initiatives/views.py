from core.views import ObjectDetailView, ObjectListView

from .models import Initiative, Mission, Theme


class ThemeListView(ObjectListView):
    queryset = Theme.objects.all()


class ThemeDetailView(ObjectDetailView):
    queryset = Theme.objects.all()


class MissionListView(ObjectListView):
    queryset = Mission.objects.all()


class MissionDetailView(ObjectDetailView):
    queryset = Mission.objects.all()


class InitiativeListView(ObjectListView):
    queryset = Initiative.objects.all()


class InitiativeDetailView(ObjectDetailView):
    queryset = Initiative.objects.all()
