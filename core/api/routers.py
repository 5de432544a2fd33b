from rest_framework.routers import SimpleRouter


class Router(SimpleRouter):
    """Each app's api/urls.py registers its endpoints on one of these; config/api_urls.py
    gathers them into one, whose registry is the list of every endpoint (the root view
    lists it, and the permission tests check they cover it)."""

    def _get_dynamic_route(self, route, action):
        # A file name (`download.csv`) takes no trailing slash.
        if "\\." in action.url_path:
            route = route._replace(url=route.url.replace("{trailing_slash}", ""))
        return super()._get_dynamic_route(route, action)

    def extend(self, other):
        for prefix, viewset, basename in other.registry:
            self.register(prefix, viewset, basename=basename)
        return self
