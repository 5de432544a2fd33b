"""Evaluation's blocks on the lower apps' detail pages (core/panels.py): the learning
summary, the follow button, an initiative's learning, the event wall and value links,
a network's full recomputation, an organisation's learning. The lower apps' templates
only say `{% panels object %}`; the blocks' templates are in templates/evaluation/panels/."""

from django.template.loader import render_to_string

from core import panels


def _template_panel(model_label, template, order=100):
    def panel(context, obj):
        return render_to_string(template, {"object": obj}, request=context.get("request"))

    panel.__name__ = f"{model_label.replace('.', '_')}_panel"
    return panels.register(model_label, order=order)(panel)


initiative_learning = _template_panel("initiatives.initiative", "evaluation/panels/initiative.html")
mission_summary = _template_panel("initiatives.mission", "evaluation/panels/mission.html")
theme_summary = _template_panel("initiatives.theme", "evaluation/panels/theme.html")
portfolio_summary = _template_panel("portfolios.portfolio", "evaluation/panels/portfolio.html")
network_summary = _template_panel("partners.network", "evaluation/panels/network.html")
organisation_learning = _template_panel("partners.organisation", "evaluation/panels/organisation.html")
