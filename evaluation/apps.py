from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation and learning")

    def ready(self):
        # Changes elsewhere queue the recomputation of the learning summaries they touch.
        # home, panels: evaluation's part of the home page and its blocks on the lower apps'
        # pages (core/panels.py); tasks: registered, so jobs sent by name run in-process
        # too when eager.
        from . import home, panels, signals, tasks  # noqa: F401

        signals.connect()
