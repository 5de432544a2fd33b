"""Base views. App views only declare queryset, filterset, template_name; what to show a
user is always `queryset.visible_to(request.user)`, so a record outside it is a 404."""

from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.views.generic import DetailView, ListView


class VisibleQuerysetMixin:
    """Restricts the view's queryset to what the requesting user may see."""

    queryset = None

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)


class ObjectDetailView(VisibleQuerysetMixin, DetailView):
    template_name = "core/object_detail.html"


class ObjectListView(VisibleQuerysetMixin, ListView):
    """A list filtered by the model's one FilterSet (the API uses the same one)."""

    filterset = None
    paginate_by = 50
    template_name = "core/object_list.html"

    @property
    def model_verbose_name_plural(self):
        return self.queryset.model._meta.verbose_name_plural

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.filterset is None:
            return queryset
        self.filter = self.filterset(self.request.GET, queryset=queryset, request=self.request)
        return self.filter.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = getattr(self, "filter", None)
        return context


@transaction.non_atomic_requests
def healthz(request):
    """Liveness: answers without touching the database or the broker (ATOMIC_REQUESTS
    would otherwise open a transaction, and so a connection, for it)."""
    return JsonResponse({"status": "ok"})


def home(request):
    return render(request, "core/home.html")
