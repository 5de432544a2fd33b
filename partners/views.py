from core.views import ObjectDetailView, ObjectListView

from .models import Network, Organisation


class NetworkListView(ObjectListView):
    queryset = Network.objects.all()


class NetworkDetailView(ObjectDetailView):
    queryset = Network.objects.all()


class OrganisationListView(ObjectListView):
    queryset = Organisation.objects.all()


class OrganisationDetailView(ObjectDetailView):
    queryset = Organisation.objects.all()
