from rest_framework.routers import SimpleRouter


class Router(SimpleRouter):
    """Each app's api/urls.py registers its endpoints on one of these; config/api_urls.py
    gathers them into one, whose registry is the list of every endpoint (the root view
    lists it, and the permission tests check they cover it)."""

    def extend(self, other):
        for prefix, viewset, basename in other.registry:
            self.register(prefix, viewset, basename=basename)
        return self
