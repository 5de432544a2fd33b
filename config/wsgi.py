import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

# CPython 3.11 keeps the frames of Python calls in chunks of 16 KiB, each mapped with mmap
# when the call depth first needs it and unmapped as soon as the depth falls back below
# its start. Rendering a list page goes up and down across such a boundary thousands of
# times: under gunicorn that was ~4,600 mmap/munmap pairs and ~32 ms of system CPU time
# per request, as much as the page's own Python (docs/performance.md). The request is
# therefore handled inside a function whose frame is so large that CPython gives it a
# chunk of its own (256 KiB), with room for the whole request's frames above it: one
# mmap per request. FRAME_SLOTS are unused local variables that only size that frame.
#
# Measured on CPython 3.11 only (docs/performance.md, "The frame stack of CPython 3.11"):
# one gunicorn worker, a list page of 25 rows went from user 54 + system 36 = 91 ms to
# 58 + 2 = 61 ms, the search page from 91 to 62 ms. Other versions lay out their frame
# stack differently (3.12 changed it again), so there the application is Django's own.
FRAME_SLOTS = 15_500
FRAME_TRICK_PYTHON = (3, 11)


def _with_room_for_frames(app):
    if sys.version_info[:2] != FRAME_TRICK_PYTHON:
        return app
    names = " = ".join(f"_{index}" for index in range(FRAME_SLOTS))
    source = (
        "def application(environ, start_response):\n"
        f"    if False:\n        {names} = None\n"
        "    return app(environ, start_response)\n"
    )
    namespace = {"app": app}
    exec(compile(source, __file__, "exec"), namespace)  # noqa: S102 (our own constant source)
    return namespace["application"]


def _web_connection(sender, connection, **kwargs):
    """Web requests run no parallel query plans: a page's queries take milliseconds, and
    on a few cores shared by many concurrent requests, parallel workers only add their
    start-up cost (docs/performance.md, the search). Background jobs keep the default."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET max_parallel_workers_per_gather = 0")


def _prepare_web_process():
    from django.db.backends.signals import connection_created
    from django.urls import get_resolver

    connection_created.connect(_web_connection, dispatch_uid="config.wsgi.web_connection")
    # Import every view now rather than in the first request. (gc.freeze() was dropped:
    # docs/performance.md measured it "within the noise".)
    get_resolver().url_patterns  # noqa: B018


application = _with_room_for_frames(get_wsgi_application())
_prepare_web_process()
