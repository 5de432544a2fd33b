import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("horisont")
app.config_from_object("django.conf:settings", namespace="CELERY")

# The queues (evaluation/tasks.py says which job is where). A worker started without -Q
# serves all of them, so one worker is enough for a small site; a large one runs a worker
# per queue (docker-compose.yml, docs/scaling.md): the recomputation after a change, which
# a user waits for, never queues behind the nightly batches.
SUMMARIES_QUEUE = "summaries"
BULK_QUEUE = "bulk"


@app.on_after_configure.connect
def declare_queues(sender, **kwargs):
    # After the settings are read (lazily): the default queue's name is a setting.
    sender.conf.task_queues = (Queue(sender.conf.task_default_queue), Queue(SUMMARIES_QUEUE), Queue(BULK_QUEUE))


app.conf.task_routes = {
    "evaluation.tasks.recompute_learning_summary": {"queue": SUMMARIES_QUEUE},
    "evaluation.tasks.recompute_learning_summaries": {"queue": BULK_QUEUE},
    "evaluation.tasks.recompute_all_learning_summaries": {"queue": BULK_QUEUE},
    "evaluation.tasks.queue_all_learning_summaries": {"queue": BULK_QUEUE},
    "evaluation.tasks.run_full_recomputation": {"queue": BULK_QUEUE},
    "evaluation.tasks.compute_twin_candidates": {"queue": BULK_QUEUE},
}
app.autodiscover_tasks()
