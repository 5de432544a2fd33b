"""config/wsgi.py: the web process's application (docs/performance.md)."""

import io

import pytest
from django.db import connections


def call(application, path):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status
        answer["headers"] = dict(headers)

    body = b"".join(application(environ, start_response))
    return answer["status"], body


def test_the_application_answers_through_its_large_frame():
    from config.wsgi import application

    status, body = call(application, "/healthz/")
    assert status == "200 OK"
    assert body == b'{"status": "ok"}'


@pytest.mark.django_db
def test_a_web_connection_runs_no_parallel_query_plans():
    import config.wsgi  # noqa: F401  (connects the web process's connection set-up)

    connection = connections.create_connection("default")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_parallel_workers_per_gather")
            assert cursor.fetchone() == ("0",)
    finally:
        connection.close()


def test_the_frame_trick_applies_only_on_the_python_it_was_measured_on(monkeypatch):
    import sys

    from config import wsgi

    def app(environ, start_response):
        return []

    wrapped = wsgi._with_room_for_frames(app)
    if sys.version_info[:2] == wsgi.FRAME_TRICK_PYTHON:
        assert wrapped is not app and wrapped.__code__.co_nlocals >= wsgi.FRAME_SLOTS
    else:
        assert wrapped is app
    monkeypatch.setattr(wsgi, "FRAME_TRICK_PYTHON", (2, 7))
    assert wsgi._with_room_for_frames(app) is app


def test_the_web_process_leaves_the_garbage_collector_alone():
    import gc

    import config.wsgi  # noqa: F401

    assert gc.get_freeze_count() == 0
