from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation and learning")

    def ready(self):
        # Changes elsewhere queue the recomputation of the learning summaries they touch.
        from . import signals, tasks  # noqa: F401  (tasks: registered, so jobs sent by name run eagerly too)

        signals.connect()
