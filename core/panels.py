"""Panels: blocks that a higher app adds to a lower app's detail pages, as NetBox's
template extensions do. Imports point one way (core < partners < initiatives <
portfolios < evaluation), so an initiative's template cannot load evaluation's template
tags; instead evaluation registers its blocks here, and the lower app's template says
where registered blocks go:

    {% load portal %} ... {% panels object %}

    # evaluation/panels.py, imported by EvaluationConfig.ready()
    @panels.register("initiatives.mission", order=10)
    def mission_summary(context, obj):
        return render_to_string("evaluation/panels/mission.html", {"object": obj}, request=context.get("request"))

A panel is a function (template context, record) -> HTML (or "" for nothing), keyed by
the record's model label (`app_label.model_name`). Panels render in `order`, then in the
order they were registered.

The home page is composed the same way: each app registers what it adds to the home page
(`register_home`), a function (user, roles, today) -> context for core/home.html, where
roles says whether the reader is a member and a coordinator (core.views.home).
"""

from collections import defaultdict

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

_registry = defaultdict(list)


def register(model_label, order=100):
    def decorator(panel):
        entries = _registry[model_label.lower()]
        if all(existing is not panel for _, _, existing in entries):
            entries.append((order, len(entries), panel))
            entries.sort(key=lambda entry: entry[:2])
        return panel

    return decorator


def panels_for(model_label):
    return [panel for _, _, panel in _registry.get(model_label.lower(), ())]


def render_panels(context, obj):
    """The registered panels of obj's model, rendered one after the other."""
    return mark_safe("".join(conditional_escape(panel(context, obj)) for panel in panels_for(obj._meta.label_lower)))


_home = []


def register_home(order=100):
    def decorator(section):
        if all(existing is not section for _, _, existing in _home):
            _home.append((order, len(_home), section))
            _home.sort(key=lambda entry: entry[:2])
        return section

    return decorator


def home_context(user, roles, today):
    """The home page's context from every registered section, in order."""
    context = {}
    for _, _, section in _home:
        context.update(section(user, roles, today))
    return context
