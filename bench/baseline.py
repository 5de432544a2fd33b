"""The raw baseline: what the data of a question costs without a framework.

A bare WSGI app (served by gunicorn like the portal, with as many workers) that answers
each question the benchmark asks the portal by replaying the very SQL the portal issued
for it (bench/queries.json, captured by bench/run.py with Django's own query log)
through psycopg2, and rendering the rows with json.dumps (API questions) or a minimal
HTML table (page questions). psycopg2 binds parameters on the client, so the statement
text stored as `executed` is byte for byte what the portal sends to PostgreSQL.

    GET /<target name>/   e.g. /initiative_list_page/, /initiative_list_api/
    GET /healthz/         answers without touching the database

Like the portal (ATOMIC_REQUESTS, CONN_MAX_AGE), each request runs in one transaction
on a connection that the worker keeps between requests.

Environment: BENCH_QUERIES (path of queries.json), BENCH_DATABASE_URL.
"""

import datetime
import decimal
import html
import json
import os
import uuid

import psycopg2

QUERIES_PATH = os.environ.get("BENCH_QUERIES", os.path.join(os.path.dirname(__file__), "queries.json"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/horisont_bench")

with open(QUERIES_PATH, encoding="utf-8") as queries_file:
    TARGETS = {name: target for name, target in json.load(queries_file)["targets"].items() if target.get("statements")}

_connection = None


def connection():
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg2.connect(DATABASE_URL)
    return _connection


def to_json(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, memoryview):
        return value.hex()
    return str(value)


def run_statements(statements):
    """[(column names, rows)] of every statement, in one transaction."""
    conn = connection()
    results = []
    try:
        with conn.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement["executed"])
                if cursor.description is None:
                    results.append(([], []))
                    continue
                columns = [column.name for column in cursor.description]
                results.append((columns, cursor.fetchall()))
        conn.commit()
    except psycopg2.Error:
        conn.rollback()
        raise
    return results


def render_json(results):
    body = {
        "results": [[dict(zip(columns, row, strict=False)) for row in rows] for columns, rows in results],
    }
    return json.dumps(body, default=to_json).encode(), "application/json"


def render_html(results):
    parts = ['<!doctype html><html lang="da"><head><meta charset="utf-8"><title>baseline</title></head><body>']
    for columns, rows in results:
        parts.append("<table><thead><tr>")
        parts.extend(f"<th>{html.escape(column)}</th>" for column in columns)
        parts.append("</tr></thead><tbody>")
        for row in rows:
            parts.append("<tr>")
            parts.extend(f"<td>{html.escape('' if value is None else str(value))}</td>" for value in row)
            parts.append("</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "".join(parts).encode(), "text/html; charset=utf-8"


def respond(start_response, status, body, content_type):
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if path == "/healthz/":
        return respond(start_response, "200 OK", b'{"status": "ok"}', "application/json")
    target = TARGETS.get(path.strip("/"))
    if target is None:
        return respond(start_response, "404 Not Found", b"no such target", "text/plain")
    try:
        results = run_statements(target["statements"])
    except psycopg2.Error as error:
        return respond(start_response, "500 Internal Server Error", str(error).encode(), "text/plain")
    body, content_type = render_json(results) if target["kind"] == "api" else render_html(results)
    return respond(start_response, "200 OK", body, content_type)


app = application
