"""The Django admin's site (named in core.apps.OperatorAdminConfig; a module of its own,
since core.admin registers on the site and so cannot define it)."""

from django.contrib import admin


class OperatorAdminSite(admin.AdminSite):
    """The Django admin is the site operators' tool, not a network administrator's: it
    knows nothing of networks, so it is for superusers only (who see everything anyway).
    A network administrator does their work on the portal's pages, where every queryset
    is scoped by visible_to/editable_by (docs/architecture.md, "The Django admin").
    is_staff alone opens nothing, and neither do model permissions."""

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_superuser
