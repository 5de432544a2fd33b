"""`make bench`: the portal at national scale, measured against its own floors.

    .venv/bin/python bench/run.py                  # full run: fresh database, 30 s per target
    .venv/bin/python bench/run.py --duration 5     # quick smoke run
    .venv/bin/python bench/run.py --reuse-db       # keep the generated database of a former run

What it does (docs/performance.md explains each figure):

1. A fresh PostgreSQL database (`horisont_bench`), migrated with production settings and
   filled by `generate_scale_data --initiatives 10000 --learnings 100000 --organisations 300
   --seed 1`.
2. Chooses the questions from the data (filters that return 50 rows), asks each one once
   through Django's test client against that database, and stores the SQL the portal
   issued in bench/queries.json; counts the queries per request at two page sizes; runs
   EXPLAIN on the search SQL.
3. Starts, on free ports of 127.0.0.1: the portal under gunicorn with production settings,
   the raw baseline (bench/baseline.py, which replays the stored SQL with psycopg2), and a
   Celery worker on its own Redis database.
4. Drives each target with wrk (10 connections, --duration seconds) and reads requests/s,
   p50/p95 latency and errors (bench/report.lua).
5. Times a full recomputation of the learning summaries (the worker's peak memory too) and
   the time from a committed learning entry to its mission's summary being updated.
6. Prints every figure beside its floor and writes them to bench/results.json.

Every process it starts runs in its own process group and is stopped on exit, failure or
Ctrl-C. Load goes to 127.0.0.1 only.
"""

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import psycopg2
import redis

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
HOST = "127.0.0.1"

SCALE_OPTIONS = ["--initiatives", "10000", "--learnings", "100000", "--organisations", "300", "--seed", "1"]
LIST_ROWS = 50
SMALL_ROWS = 10


# --------------------------------------------------------------------------------------
# Targets


@dataclass
class Target:
    """One URL under load. `floors` are the targets of issue 7 for it; `variants` are the
    (label, path) pairs whose query counts must be equal (two page sizes, or two records
    with few and many related rows)."""

    name: str
    kind: str  # "page", "api", "floor" or "baseline"
    path: str
    description: str
    baseline: str | None = None
    floors: dict = field(default_factory=dict)
    variants: list = field(default_factory=list)
    search: bool = False
    # Filled in as the run goes.
    server_pid: int | None = None
    status: str = "pending"
    note: str = ""
    url: str = ""
    http_status: int | None = None
    rows: int | None = None
    statements: list = field(default_factory=list)
    query_counts: dict = field(default_factory=dict)
    load: dict | None = None


def with_query(path, params):
    return f"{path}?{urllib.parse.urlencode(params)}" if params else path


def choose_targets(args):
    """The questions, with filter values chosen from the generated data so that the lists
    return LIST_ROWS rows to an anonymous reader."""
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Count

    from initiatives.models import Initiative, Mission

    anonymous = AnonymousUser()
    visible = Initiative.objects.visible_to(anonymous)
    phase = args.phase

    # No single municipality has 50 public initiatives in one phase in the generated data,
    # so the filter names the municipalities with the most until the list holds 50 rows.
    through = Initiative._meta.get_field("municipalities").remote_field.through
    per_municipality = (
        through.objects.filter(initiative__in=visible.filter(phase=phase))
        .values("organisation_id")
        .annotate(n=Count("initiative_id"))
        .order_by("-n", "organisation_id")
    )
    municipality_ids = []
    for row in per_municipality[:50]:
        municipality_ids.append(row["organisation_id"])
        if visible.filter(phase=phase, municipalities__in=municipality_ids).distinct().count() >= LIST_ROWS:
            break

    filters = [("phase", phase), *(("municipality_id", pk) for pk in municipality_ids)]
    size_param = args.page_size_param

    def page_list(path, extra, rows):
        return with_query(path, [*extra, (size_param, rows)])

    def api_list(path, extra, rows):
        return with_query(path, [*extra, ("limit", rows)])

    search = [("q", args.search_word)]

    by_partners = visible.annotate(n=Count("participations")).order_by("-n", "pk")
    busiest = by_partners.first()
    quietest = visible.annotate(n=Count("participations")).order_by("n", "pk").first()
    missions = Mission.objects.visible_to(anonymous).annotate(n=Count("initiatives"))
    biggest_mission = missions.order_by("-n", "pk").first()
    smallest_mission = missions.order_by("n", "pk").first()

    targets = [
        Target("healthz", "floor", "/healthz/", "liveness, no database (the cost of our stack)"),
        Target(
            "initiative_list_page",
            "page",
            page_list("/initiatives/", filters, LIST_ROWS),
            f"initiative list page, phase={phase} and {len(municipality_ids)} municipalities, {LIST_ROWS} rows",
            floors={"rps_ratio": 1 / 3, "p95_ms": 150, "errors": 0, "queries_max": 10},
            variants=[
                (f"{SMALL_ROWS} rows", page_list("/initiatives/", filters, SMALL_ROWS)),
                (f"{LIST_ROWS} rows", page_list("/initiatives/", filters, LIST_ROWS)),
            ],
        ),
        Target(
            "initiative_list_api",
            "api",
            api_list("/api/v1/initiatives/", filters, LIST_ROWS),
            f"API initiative list, same filters, limit={LIST_ROWS}",
            floors={"rps_ratio": 1 / 2, "p95_ms": 150, "errors": 0, "queries_max": 8},
            variants=[
                (f"{SMALL_ROWS} rows", api_list("/api/v1/initiatives/", filters, SMALL_ROWS)),
                (f"{LIST_ROWS} rows", api_list("/api/v1/initiatives/", filters, LIST_ROWS)),
            ],
        ),
        Target(
            "search_page",
            "page",
            page_list("/learning/", search, LIST_ROWS),
            f"full-text search of learning entries (page), q={args.search_word}",
            floors={"p95_ms": 100, "errors": 0, "queries_max": 10, "gin": True},
            variants=[
                (f"{SMALL_ROWS} rows", page_list("/learning/", search, SMALL_ROWS)),
                (f"{LIST_ROWS} rows", page_list("/learning/", search, LIST_ROWS)),
            ],
            search=True,
        ),
        Target(
            "search_api",
            "api",
            api_list("/api/v1/learning-entries/", search, LIST_ROWS),
            f"full-text search of learning entries (API), q={args.search_word}",
            floors={"p95_ms": 100, "errors": 0, "queries_max": 8, "gin": True},
            variants=[
                (f"{SMALL_ROWS} rows", api_list("/api/v1/learning-entries/", search, SMALL_ROWS)),
                (f"{LIST_ROWS} rows", api_list("/api/v1/learning-entries/", search, LIST_ROWS)),
            ],
            search=True,
        ),
    ]
    if busiest is not None:
        targets.append(
            Target(
                "initiative_detail_page",
                "page",
                f"/initiatives/{busiest.slug}/",
                f"initiative detail page ({busiest.n} partners, the most of any public one)",
                floors={"p95_ms": 150, "errors": 0, "queries_max": 10},
                variants=[
                    (f"{quietest.n} partners", f"/initiatives/{quietest.slug}/"),
                    (f"{busiest.n} partners", f"/initiatives/{busiest.slug}/"),
                ],
            )
        )
    if biggest_mission is not None:
        targets.append(
            Target(
                "mission_summary_page",
                "page",
                f"/missions/{biggest_mission.slug}/",
                f"mission summary page ({biggest_mission.n} initiatives, the most of any public mission)",
                floors={"p95_ms": 150, "errors": 0, "queries_max": 10},
                variants=[
                    (f"{smallest_mission.n} initiatives", f"/missions/{smallest_mission.slug}/"),
                    (f"{biggest_mission.n} initiatives", f"/missions/{biggest_mission.slug}/"),
                ],
            )
        )
    chosen = {
        "phase": phase,
        "municipality_ids": municipality_ids,
        "search_word": args.search_word,
        "detail_initiative": busiest and busiest.slug,
        "mission": biggest_mission and {"id": biggest_mission.pk, "slug": biggest_mission.slug},
    }
    return targets, chosen


# --------------------------------------------------------------------------------------
# Queries: what the portal asks the database, through Django's test client


def jsonable(value):
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


SERVER_SIDE_CURSOR = re.compile(
    r'^\s*DECLARE\s+"[^"]+"\s+(NO\s+)?(SCROLL\s+)?CURSOR\s+(WITH(OUT)?\s+HOLD\s+)?FOR\s+', re.I
)


class StatementLog:
    """Every statement a request sends: the SQL with its placeholders, the parameters, and
    the exact text psycopg2 sent after binding them (what the baseline replays)."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        cursor = getattr(context["cursor"], "cursor", None)
        executed = getattr(cursor, "query", None)
        if isinstance(executed, bytes):
            executed = executed.decode()
        # QuerySet.iterator() (form choices) reads through a server-side cursor: psycopg2
        # sent `DECLARE name CURSOR ... FOR <select>` and fetched it in chunks. The
        # baseline reads the same rows with the plain SELECT.
        executed = SERVER_SIDE_CURSOR.sub("", executed or sql, count=1)
        self.statements.append({"sql": sql, "params": jsonable(params), "executed": executed})
        return result


def ask(client, path):
    """(response, statements) of one anonymous GET, with an empty cache, so the figures are
    those of a cache miss."""
    from django.core.cache import cache
    from django.db import connection

    cache.clear()
    log = StatementLog()
    with connection.execute_wrapper(log):
        response = client.get(path, HTTP_HOST=HOST)
    return response, log.statements


def rows_in(response, kind):
    if kind == "api":
        try:
            data = response.json()
        except ValueError:
            return None
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            return len(data["results"])
        return len(data) if isinstance(data, list) else None
    context = getattr(response, "context", None)
    if context is None:
        return None
    for key in ("page_obj", "object_list"):
        try:
            value = context[key]
        except KeyError:
            continue
        if value is None:
            continue
        if key == "page_obj":
            return len(value.object_list)
        return len(value)
    return None


def is_data_statement(statement):
    return re.match(r"\s*(SELECT|WITH)\b", statement["sql"], re.IGNORECASE) is not None


def capture_queries(targets):
    """Asks every target through the test client: status, rows, the SQL for the baseline,
    the number of queries of each variant."""
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # so that responses carry their template context (row counts)
    client = Client()
    for target in targets:
        if target.kind in ("floor", "baseline") and target.name != "healthz":
            continue
        client.get(target.path, HTTP_HOST=HOST)  # first-request costs (caches, imports) out of the way
        response, statements = ask(client, target.path)
        target.http_status = response.status_code
        target.rows = rows_in(response, target.kind)
        target.statements = [statement for statement in statements if is_data_statement(statement)]
        target.query_counts = {"this request": len(statements)}
        if response.status_code == 404:
            target.status, target.note = "missing", "the portal answers 404 (not built yet)"
            continue
        if response.status_code != 200:
            target.status, target.note = "failing", f"the portal answers HTTP {response.status_code}"
            continue
        target.status = "ready"
        if target.kind in ("page", "api") and target.path.find("?") > 0 and target.rows not in (None, LIST_ROWS):
            target.note = f"{target.rows} rows, not {LIST_ROWS}: the page size parameter may not be supported"
        if target.search and not any("@@" in statement["sql"] for statement in target.statements):
            target.note = (target.note + "; " if target.note else "") + "q is not a full-text search here (no @@)"
        for label, path in target.variants:
            client.get(path, HTTP_HOST=HOST)
            variant_response, variant_statements = ask(client, path)
            rows = rows_in(variant_response, target.kind)
            target.query_counts[label] = {
                "queries": len(variant_statements),
                "http_status": variant_response.status_code,
                "rows": rows,
            }


def write_queries(targets, path):
    data = {
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "note": "Written by bench/run.py: the SQL the portal issued for each target (anonymous, empty "
        "cache). bench/baseline.py replays `executed`, the text psycopg2 sent after binding `params`.",
        "targets": {
            target.name: {"path": target.path, "kind": target.kind, "statements": target.statements}
            for target in targets
            if target.status == "ready" and target.kind in ("page", "api")
        },
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def explain_search(targets):
    """EXPLAIN ANALYZE of the portal's search SQL: does PostgreSQL use a GIN index?"""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'evaluation_learningentry' "
            "AND indexdef ILIKE '%% USING gin %%'"
        )
        gin_indexes = [row[0] for row in cursor.fetchall()]
    report = {"gin_indexes": gin_indexes}
    for target in targets:
        if not target.search or target.status != "ready":
            continue
        matching = [statement for statement in target.statements if "@@" in statement["sql"]]
        entry = {"full_text": bool(matching), "uses_gin": False, "plans": []}
        for statement in matching:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement["executed"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
                transaction.set_rollback(True)
            uses = any(
                re.search(rf"(Bitmap Index Scan|Index Scan|Index Only Scan) (on|using) {re.escape(name)}\b", plan)
                for name in gin_indexes
            )
            execution = re.search(r"Execution Time: ([\d.]+) ms", plan)
            entry["plans"].append(
                {
                    "sql": statement["executed"][:300] + ("..." if len(statement["executed"]) > 300 else ""),
                    "uses_gin": uses,
                    "execution_ms": float(execution.group(1)) if execution else None,
                    "plan": plan,
                }
            )
            entry["uses_gin"] = entry["uses_gin"] or uses
        report[target.name] = entry
    return report


# --------------------------------------------------------------------------------------
# Processes


class Processes:
    """Processes started by the benchmark, each in its own process group (so gunicorn's
    and Celery's children go with them), stopped in reverse order."""

    def __init__(self):
        self.started = []

    def start(self, name, command, env, log_path):
        log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 (closed in stop_all)
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append((name, process, log))
        return process

    def kill(self, name):
        """Stop one process group at once (SIGKILL): a worker in the middle of a long job
        would otherwise finish it first."""
        for entry in list(self.started):
            started_name, process, log = entry
            if started_name == name:
                if process.poll() is None:
                    try:
                        os.killpg(process.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    process.wait(timeout=15)
                log.close()
                self.started.remove(entry)

    def stop_all(self):
        for name, process, log in reversed(self.started):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    print(f"  {name} did not stop in 15 s; killing it", file=sys.stderr)
                    try:
                        os.killpg(process.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    process.wait(timeout=5)
            log.close()
        self.started.clear()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(url, timeout=30):
    """(status, body) of a GET; never raises for an HTTP status."""
    request = urllib.request.Request(url, headers={"X-Forwarded-For": f"bench-probe-{time.monotonic_ns()}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(url, process, name, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}; see its log in bench/")
        try:
            status, _ = get(url, timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{name} did not answer {url} within {timeout} s")


def run_command(command, env, what, timeout):
    print(f"  {what}: {' '.join(command)}", flush=True)
    started = time.monotonic()
    completed = subprocess.run(command, cwd=ROOT, env=env, timeout=timeout, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        last = [line for line in completed.stderr.strip().splitlines() if line.strip()][-3:]
        raise RuntimeError(f"{what} failed with exit code {completed.returncode}: {' '.join(last)}")
    return time.monotonic() - started, completed.stdout


# --------------------------------------------------------------------------------------
# The database


def admin_connection(args):
    connection = psycopg2.connect(host=args.pg_host, port=args.pg_port, user=args.pg_user, dbname="postgres")
    connection.autocommit = True
    return connection


def database_has_data(args):
    with admin_connection(args) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db_name])
        if cursor.fetchone() is None:
            return False
    try:
        with (
            psycopg2.connect(
                host=args.pg_host, port=args.pg_port, user=args.pg_user, dbname=args.db_name
            ) as connection,
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT count(*) FROM initiatives_initiative")
            return cursor.fetchone()[0] > 0
    except psycopg2.Error:
        return False


def prepare_database(args, env):
    info = {"name": args.db_name, "reused": False}
    if args.reuse_db and database_has_data(args):
        info["reused"] = True
        print(f"Reusing database {args.db_name}")
        run_command([PYTHON, "manage.py", "migrate", "--noinput"], env, "migrate", timeout=600)
        return info
    print(f"Creating database {args.db_name} (dropped first if it exists)")
    connection = admin_connection(args)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{args.db_name}"')
    connection.close()
    info["migrate_s"], _ = run_command([PYTHON, "manage.py", "migrate", "--noinput"], env, "migrate", timeout=900)
    info["generate_s"], output = run_command(
        [PYTHON, "manage.py", "generate_scale_data", *SCALE_OPTIONS], env, "generate_scale_data", timeout=1800
    )
    info["generate_output"] = output.strip().splitlines()[-1:] if output.strip() else []
    print(f"  generated in {info['generate_s']:.0f} s")
    return info


def dataset_counts():
    from django.apps import apps

    counts = {}
    for label in (
        "partners.Organisation",
        "initiatives.Initiative",
        "initiatives.Mission",
        "initiatives.Theme",
        "partners.Network",
        "evaluation.LearningEntry",
        "evaluation.LearningSummary",
    ):
        try:
            counts[label] = apps.get_model(label).objects.count()
        except LookupError:
            continue
    return counts


# --------------------------------------------------------------------------------------
# Load


def run_wrk(url, args, duration):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / "report.lua"),
        url,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    for line in completed.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            raw = json.loads(line[len("BENCH_JSON ") :])
            seconds = raw["duration_us"] / 1e6
            socket_errors = sum(raw["socket_errors"].values())
            return {
                "requests": raw["requests"],
                "seconds": round(seconds, 2),
                "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
                "p50_ms": round(raw["latency_us"]["p50"] / 1000, 1),
                "p90_ms": round(raw["latency_us"]["p90"] / 1000, 1),
                "p95_ms": round(raw["latency_us"]["p95"] / 1000, 1),
                "p99_ms": round(raw["latency_us"]["p99"] / 1000, 1),
                "max_ms": round(raw["latency_us"]["max"] / 1000, 1),
                "errors": socket_errors + raw["non_2xx"],
                "socket_errors": raw["socket_errors"],
                "statuses": raw["statuses"],
                "bytes_per_request": round(raw["bytes"] / raw["requests"]) if raw["requests"] else 0,
            }
    raise RuntimeError(f"wrk gave no result for {url}: {completed.stdout[-500:]} {completed.stderr[-500:]}")


class OtherWork:
    """CPU time that processes other than the benchmark's use during a measurement: this
    machine is shared (other test suites, other sessions), and every core they take is
    one the portal does not get. Our own processes are this one and its children (the
    servers, the worker, wrk) and PostgreSQL's backends for the bench database."""

    def __init__(self, database):
        self.database = database
        self.me = os.getpid()

    def ours(self):
        try:
            return {self.me, *(child.pid for child in psutil.Process(self.me).children(recursive=True))}
        except psutil.NoSuchProcess:
            return {self.me}

    def snapshot(self):
        ours = self.ours()
        times = {}
        for process in psutil.process_iter(["pid", "cmdline", "cpu_times", "create_time"]):
            info = process.info
            if info["pid"] in ours or info["cpu_times"] is None:
                continue
            if any(self.database in part for part in (info["cmdline"] or [])):
                continue
            times[(info["pid"], info["create_time"])] = info["cpu_times"].user + info["cpu_times"].system
        return time.monotonic(), times

    def cores_since(self, snapshot):
        started, before = snapshot
        now, after = self.snapshot()
        used = sum(seconds - before.get(key, 0.0) for key, seconds in after.items())
        return round(max(0.0, used) / (now - started), 2) if now > started else None


def cpu_seconds(root_pid, database):
    """CPU seconds used so far by a server (its process and children) and by PostgreSQL's
    backends for the bench database, keyed so a process that started meanwhile counts
    from zero."""
    server, db = {}, {}
    try:
        root = psutil.Process(root_pid)
        for process in (root, *root.children(recursive=True)):
            with_times = process.cpu_times()
            server[(process.pid, process.create_time())] = with_times.user + with_times.system
    except psutil.NoSuchProcess:
        pass
    for process in psutil.process_iter(["pid", "cmdline", "cpu_times", "create_time"]):
        info = process.info
        if info["cpu_times"] and any(database in part for part in (info["cmdline"] or [])):
            db[(info["pid"], info["create_time"])] = info["cpu_times"].user + info["cpu_times"].system
    return server, db


def cpu_used(before, after):
    return sum(seconds - before.get(key, 0.0) for key, seconds in after.items())


def drive(target, args, other_work):
    status, _ = get(target.url)
    target.http_status = status
    if status == 404:
        target.status, target.note = "missing", "answers 404 under gunicorn"
        return
    if status != 200:
        target.status, target.note = "failing", f"answers HTTP {status} under gunicorn"
        return
    print(f"  {target.name}: {target.url}", flush=True)
    if args.warmup:
        run_wrk(target.url, args, args.warmup)
    snapshot = other_work.snapshot()
    load_before = os.getloadavg()[0]
    cpu_before = cpu_seconds(target.server_pid, args.db_name)
    target.load = run_wrk(target.url, args, args.duration)
    cpu_after = cpu_seconds(target.server_pid, args.db_name)
    target.load["other_cpu_cores"] = other_work.cores_since(snapshot)
    target.load["loadavg_1min_before"] = round(load_before, 2)
    requests = target.load["requests"]
    if not requests:
        # wrk's percentiles of nothing are zeros, which would pass every latency floor.
        target.load.update(p50_ms=None, p90_ms=None, p95_ms=None, p99_ms=None, max_ms=None)
        target.load["server_cpu_ms_per_request"] = target.load["db_cpu_ms_per_request"] = None
        target.status, target.note = "failing", f"no request completed in {args.duration} s"
        return
    # What a request costs in CPU, whatever else the machine was doing: the steadier
    # figure on a shared machine (rps falls with every core others take).
    target.load["server_cpu_ms_per_request"] = round(1000 * cpu_used(cpu_before[0], cpu_after[0]) / requests, 2)
    target.load["db_cpu_ms_per_request"] = round(1000 * cpu_used(cpu_before[1], cpu_after[1]) / requests, 2)
    target.status = "measured"


# --------------------------------------------------------------------------------------
# Jobs: full recomputation, and a change reaching its summary


def process_tree_rss(pid):
    """(total RSS of the process and its children, largest single RSS), in bytes."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    sizes = []
    for process in processes:
        try:
            sizes.append(process.memory_info().rss)
        except psutil.NoSuchProcess:
            continue
    return sum(sizes), max(sizes, default=0)


def job_queues():
    """The names of every queue the benchmark's worker serves (config/celery_app.py)."""
    from config.celery_app import app

    return [queue.name for queue in app.conf.task_queues or ()] or [app.conf.task_default_queue]


def queued_messages(broker, queues):
    """Messages waiting in the queues' lists plus those delivered to the worker and not yet
    acknowledged (kombu's Redis transport keeps those in the `unacked` hash until the task
    finished, with acks_late)."""
    waiting = 0
    for queue in [queues] if isinstance(queues, str) else queues:
        for key in broker.scan_iter(match=f"{queue}*"):
            if broker.type(key) == b"list":
                waiting += broker.llen(key)
    return waiting + broker.hlen("unacked")


def scope_count():
    """How many scopes a full recomputation queues (one job each)."""
    from evaluation import services, summaries

    if hasattr(services, "all_scopes"):
        return sum(1 for _ in services.all_scopes())
    return sum(summaries.scope_model(scope).objects.count() for scope in summaries.SUPPORTED_SCOPES)


def wait_for_worker(worker, timeout=60):
    from config.celery_app import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError("the Celery worker exited; see its log in bench/")
        if app.control.ping(timeout=1.0):
            return
    raise RuntimeError(f"the Celery worker did not answer within {timeout} s")


def purge(broker, queues):
    """Forget every queued and unacknowledged message (the benchmark's own Redis database)."""
    for queue in [queues] if isinstance(queues, str) else queues:
        for key in broker.scan_iter(match=f"{queue}*"):
            if broker.type(key) == b"list":
                broker.delete(key)
    broker.delete("unacked", "unacked_index")


def measure_recomputation(worker, broker, args):
    """The nightly job (evaluation.tasks.recompute_all_learning_summaries) on one worker
    process: from queuing it to the last of the jobs it fans out being done."""
    from django.db import connections
    from django.db.models import Count
    from django.utils import timezone

    from evaluation import tasks
    from evaluation.models import LearningSummary

    queue = job_queues()
    scopes = scope_count()
    # A full recomputation: forget every fingerprint, so no scope is skipped as unchanged
    # (on a reused database the summaries exist already).
    forgotten = LearningSummary.objects.update(inputs_fingerprint="")
    connections.close_all()
    idle_rss, _ = process_tree_rss(worker.pid)
    started_at = timezone.now()
    started = time.monotonic()
    tasks.recompute_all_learning_summaries.delay()
    peak_total = peak_single = 0
    # With one worker process, the fan-out job runs alone until it has queued every
    # scope's job: the queue's peak marks its end.
    most_queued, peaked = 0, started
    timeline = []
    remaining = None
    finished = None
    idle_since = None
    deadline = started + args.recompute_timeout
    while time.monotonic() < deadline:
        total, single = process_tree_rss(worker.pid)
        peak_total, peak_single = max(peak_total, total), max(peak_single, single)
        if worker.poll() is not None:
            raise RuntimeError("the Celery worker exited during the recomputation; see bench/worker.log")
        remaining = queued_messages(broker, queue)
        if remaining > most_queued:
            most_queued, peaked = remaining, time.monotonic()
        if not timeline or time.monotonic() - started >= timeline[-1][0] + 5:
            timeline.append((round(time.monotonic() - started, 1), remaining, round(total / 2**20)))
        if remaining == 0:
            # Between taking a message off the list and marking it unacknowledged the
            # worker holds it alone: only an idle queue seen twice is an empty one.
            if idle_since is None:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since >= 0.3:
                finished = idle_since
                break
        else:
            idle_since = None
        time.sleep(0.1)
    elapsed = (finished or time.monotonic()) - started
    result = {
        "seconds": round(elapsed, 1) if finished else None,
        "timed_out": finished is None,
        "timeout_s": args.recompute_timeout,
        "scopes": scopes,
        "worker_concurrency": 1,
        "worker_idle_rss_mb": round(idle_rss / 2**20, 1),
        "worker_peak_rss_mb": round(peak_total / 2**20, 1),
        "worker_peak_single_process_rss_mb": round(peak_single / 2**20, 1),
        "fingerprints_forgotten": forgotten,
    }
    result["fan_out_seconds"] = round(peaked - started, 1) if most_queued > 1 else None
    result["jobs_queued"] = most_queued
    result["timeline"] = {"columns": ["seconds", "messages queued or running", "worker RSS MB"], "rows": timeline}
    if finished is None:
        # How far it got, and when it would end if the rate so far held.
        if most_queued > 1:
            done = max(0, most_queued - (remaining or 0))
            rate = done / (time.monotonic() - peaked) if time.monotonic() > peaked else 0
            result["scopes_done_at_timeout"] = done
            result["scopes_per_second"] = round(rate, 2)
            result["projected_seconds"] = round(peaked - started + most_queued / rate) if rate else None
        else:
            result["note"] = "the fan-out job had not queued the scopes' jobs yet"
    elif finished > started:
        # Over the whole run: the scopes are computed in batch jobs, so messages are not scopes.
        result["scopes_per_second"] = round(scopes / (finished - started), 1)
    written = LearningSummary.objects.filter(computed_at__gte=started_at)
    result["summaries_written"] = written.count()
    result["summaries_by_status"] = {
        row["status"]: row["n"] for row in LearningSummary.objects.values("status").order_by().annotate(n=Count("pk"))
    }
    return result


def measure_change_latency(mission_id, broker, args):
    """A learning entry written through the API (as a user would) in an initiative of the
    mission; the time from the committed write to the mission's summary being recomputed."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import Max
    from django.test import Client

    from core.choices import Visibility
    from evaluation.choices import LearningKind
    from evaluation.models import LearningEntry, LearningSummary
    from initiatives.models import Initiative

    def last_computed(scope, scope_id):
        return LearningSummary.objects.filter(scope=scope, scope_id=scope_id).aggregate(last=Max("computed_at"))["last"]

    initiative = Initiative.objects.filter(missions=mission_id, visibility=Visibility.PUBLIC).order_by("pk").first()
    if initiative is None:
        return {"status": "skipped", "note": "the mission has no public initiative"}
    before = {"mission": last_computed("mission", mission_id), "initiative": last_computed("initiative", initiative.pk)}
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    # An error answer (500) is reported and the entry is then written through the model:
    # what is timed is the way from a committed change to its summaries.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    payload = {
        "initiative": initiative.pk,
        "title": "Benchmark: a change that reaches its summaries",
        "what_we_did": "Skrev en læring gennem API'et.",
        "what_we_learned": "Opsummeringen af missionen blev opdateret kort efter.",
        "where_we_are_heading": "",
        "kind": LearningKind.INSIGHT.value,
        "categories": [],
        "value_domains": [],
        "visibility": Visibility.PUBLIC.value,
        "language": "da",
    }
    response = client.post("/api/v1/learning-entries/", payload, content_type="application/json", HTTP_HOST=HOST)
    committed = time.monotonic()
    result = {"initiative": initiative.slug, "mission_id": mission_id, "via": "API POST /api/v1/learning-entries/"}
    entry_id = None
    if response.status_code == 201:
        entry_id = response.json().get("id")
    else:
        result["api_status"] = response.status_code
        result["api_answer"] = response.content[:500].decode(errors="replace")
        # The API cannot write it (not built yet, or refused): the model, in a transaction.
        with transaction.atomic():
            entry = LearningEntry.objects.create(
                initiative=initiative, **{k: v for k, v in payload.items() if k != "initiative"}
            )
        committed = time.monotonic()
        entry_id = entry.pk
        result["via"] = "LearningEntry.objects.create() in a transaction (the API did not answer 201)"

    seen = {}
    most_queued = 0
    deadline = committed + args.change_timeout
    while time.monotonic() < deadline and len(seen) < 2:
        most_queued = max(most_queued, queued_messages(broker, job_queues()))
        for scope, scope_id in (("mission", mission_id), ("initiative", initiative.pk)):
            if scope in seen:
                continue
            last = last_computed(scope, scope_id)
            if last is not None and (before[scope] is None or last > before[scope]):
                seen[scope] = round(time.monotonic() - committed, 3)
        time.sleep(0.05)
    result["mission_summary_s"] = seen.get("mission")
    result["initiative_summary_s"] = seen.get("initiative")
    result["timed_out"] = "mission" not in seen
    result["timeout_s"] = args.change_timeout
    result["jobs_seen_in_queue"] = most_queued
    if not seen and not most_queued:
        result["note"] = "the write queued no recomputation (no job was seen in the queue)"
    if entry_id is not None:
        LearningEntry.objects.filter(pk=entry_id).delete()
    return result


# --------------------------------------------------------------------------------------
# Floors and the report


def judge(target, healthz_rps, baselines, explain):
    """[(floor, required, measured, met)] for a target."""
    floors = []
    load = target.load or {}
    if target.status != "measured":
        for name in target.floors:
            floors.append({"floor": name, "required": target.floors[name], "measured": None, "met": False})
        return floors
    for name, required in target.floors.items():
        measured = None
        if name == "rps_ratio":
            baseline = baselines.get(target.name)
            if baseline and baseline.load:
                measured = round(load["rps"] / baseline.load["rps"], 3) if baseline.load["rps"] else None
            met = measured is not None and measured >= required
            required = round(required, 3)
        elif name == "p95_ms":
            measured = load["p95_ms"]
            met = measured <= required
        elif name == "errors":
            measured = load["errors"]
            met = measured <= required
        elif name == "queries_max":
            counts = [value["queries"] for value in target.query_counts.values() if isinstance(value, dict)]
            measured = counts
            met = bool(counts) and len(set(counts)) == 1 and max(counts) <= required
            required = f"constant, <= {required}"
        elif name == "gin":
            measured = bool(explain.get(target.name, {}).get("uses_gin"))
            met = measured
        else:
            met = False
        floors.append({"floor": name, "required": required, "measured": measured, "met": bool(met)})
    if healthz_rps and load.get("rps") is not None:
        target.load["ratio_to_healthz"] = round(load["rps"] / healthz_rps, 3)
    return floors


def cpu_ratio(target, baseline):
    """The baseline's CPU per request over the target's (server and database together):
    the share of the baseline's throughput the target would reach on an idle machine."""
    if target.status != "measured" or baseline is None or baseline.status != "measured":
        return None
    mine = target.load["server_cpu_ms_per_request"] + target.load["db_cpu_ms_per_request"]
    theirs = baseline.load["server_cpu_ms_per_request"] + baseline.load["db_cpu_ms_per_request"]
    return round(theirs / mine, 3) if mine else None


def print_table(targets, baselines, results):
    print()
    header = (
        f"{'target':<32}{'rps':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'x base':>8}{'x healthz':>10}"
        f"{'cpu ms/req':>12}{'x base cpu':>11}{'other CPU':>10}  queries"
    )
    print(header)
    print("-" * len(header))
    for target in targets:
        row = results["targets"][target.name]
        load = target.load
        counts = [value["queries"] for value in target.query_counts.values() if isinstance(value, dict)]
        queries = (
            "/".join(str(count) for count in counts) if counts else str(target.query_counts.get("this request", ""))
        )
        if load is None or target.status != "measured":
            print(f"{target.name:<32}{target.status.upper():>8}  {target.note}")
            continue
        baseline = baselines.get(target.name)
        ratio = (
            f"{load['rps'] / baseline.load['rps']:.2f}"
            if baseline is not None and baseline.load and baseline.load["rps"]
            else "-"
        )
        to_healthz = f"{load.get('ratio_to_healthz', 0):.2f}" if load.get("ratio_to_healthz") else "-"
        other = load.get("other_cpu_cores")
        cpu = load["server_cpu_ms_per_request"] + load["db_cpu_ms_per_request"]
        cpu_ratio = row.get("cpu_ratio_to_baseline")
        print(
            f"{target.name:<32}{load['rps']:>8.1f}{load['p50_ms']:>9.1f}{load['p95_ms']:>9.1f}"
            f"{load['errors']:>8}{ratio:>8}{to_healthz:>10}{cpu:>12.1f}{'-' if cpu_ratio is None else cpu_ratio:>11}"
            f"{'' if other is None else other:>10}  {queries}"
        )
        for floor in row.get("floors", []):
            mark = "met" if floor["met"] else "NOT MET"
            print(
                f"{'':<4}{floor['floor']:<14} required {floor['required']!s:<16} measured {floor['measured']!s:<16} {mark}"
            )
        if target.note:
            print(f"{'':<4}note: {target.note}")
    print()


# --------------------------------------------------------------------------------------


def parse_args(argv=None):
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per target (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of unmeasured load before each target")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (the client shares the machine)")
    parser.add_argument("--workers", type=int, default=2 * cores + 1, help="gunicorn workers (default 2*cores+1)")
    parser.add_argument("--reuse-db", action="store_true", help="keep the bench database if it has data")
    parser.add_argument("--db-name", default="horisont_bench")
    parser.add_argument("--pg-host", default=os.environ.get("POSTGRES_HOST", HOST))
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("POSTGRES_PORT", "5432")))
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--redis-port", type=int, default=int(os.environ.get("REDIS_PORT", "6379")))
    parser.add_argument("--redis-db", type=int, default=11, help="a Redis database of the benchmark's own")
    parser.add_argument("--phase", default="prototyping")
    parser.add_argument("--search-word", default="frivillige")
    parser.add_argument("--page-size-param", default="per_page", help="the pages' page size parameter")
    parser.add_argument("--skip-jobs", action="store_true", help="skip the recomputation and change timing")
    parser.add_argument(
        "--recompute-timeout", type=int, default=180, help="stop timing the recomputation after this (projected then)"
    )
    parser.add_argument("--change-timeout", type=int, default=30)
    parser.add_argument("--only", nargs="*", help="measure only these targets (names as printed)")
    parser.add_argument(
        "--page-cache-seconds",
        type=int,
        default=None,
        help="HORISONT_PAGE_CACHE_SECONDS for the portal (default: the settings' own; 0 measures "
        "every request as a cache miss)",
    )
    parser.add_argument("--results", default=str(BENCH / "results.json"))
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.pg_host not in (HOST, "localhost"):
        raise SystemExit("The benchmark runs against 127.0.0.1 only.")
    if args.connections < args.threads:
        raise SystemExit("--connections must be at least --threads")

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    # Ctrl-C stops the run and its processes, even when started from a shell that made
    # this process ignore SIGINT (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)

    subprocess.run(["bash", str(BENCH / "ensure-wrk.sh")], check=True)
    database_url = f"postgres://{args.pg_user}@{args.pg_host}:{args.pg_port}/{args.db_name}"
    redis_url = f"redis://{HOST}:{args.redis_port}/{args.redis_db}"
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CELERY_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    if args.page_cache_seconds is not None:
        env["HORISONT_PAGE_CACHE_SECONDS"] = str(args.page_cache_seconds)
    processes = Processes()
    started = datetime.datetime.now(datetime.UTC)
    results = {
        "date": started.isoformat(timespec="seconds"),
        "command": " ".join([Path(PYTHON).name, *sys.argv]) if argv is None else " ".join(argv),
        "machine": {
            "cores": os.cpu_count(),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "settings": {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "gunicorn_workers": args.workers,
            "gunicorn_worker_class": "sync",
            "django_settings": "config.settings.production",
            "page_cache_seconds": args.page_cache_seconds if args.page_cache_seconds is not None else "default",
            "database": args.db_name,
            "redis": redis_url,
        },
    }
    try:
        broker = redis.Redis.from_url(redis_url)
        broker.ping()
        results["database"] = prepare_database(args, env)
        try:
            run_command([PYTHON, "manage.py", "collectstatic", "--noinput"], env, "collectstatic", timeout=300)
        except RuntimeError as error:
            # Pages that name a static file missing from the manifest answer 500 and are
            # reported as failing; the API and /healthz/ are still measured.
            results["collectstatic_error"] = str(error)
            print(f"WARNING: {error}", file=sys.stderr)

        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        os.chdir(ROOT)
        import django

        django.setup()
        from django.db import connections

        results["dataset"] = dataset_counts()
        broker.flushdb()  # the benchmark's own Redis database: cache and broker start empty
        print("Choosing the questions and capturing the portal's SQL")
        targets, chosen = choose_targets(args)
        results["chosen"] = chosen
        capture_queries(targets)
        queries_path = BENCH / "queries.json"
        write_queries(targets, queries_path)
        explain = explain_search(targets)
        results["search_explain"] = explain
        connections.close_all()
        broker.flushdb()

        port, baseline_port = free_port(), free_port()
        gunicorn = [PYTHON, "-m", "gunicorn", "--workers", str(args.workers), "--worker-tmp-dir", "/dev/shm"]
        gunicorn += ["--log-level", "warning", "--timeout", "60"]
        print(
            f"Starting the portal on {HOST}:{port} and the baseline on {HOST}:{baseline_port} ({args.workers} workers each)"
        )
        portal = processes.start(
            "portal", [*gunicorn, "--bind", f"{HOST}:{port}", "config.wsgi:application"], env, BENCH / "portal.log"
        )
        baseline_env = {**env, "BENCH_QUERIES": str(queries_path), "BENCH_DATABASE_URL": database_url}
        baseline_process = processes.start(
            "baseline",
            [*gunicorn, "--bind", f"{HOST}:{baseline_port}", "--pythonpath", str(BENCH), "baseline:application"],
            baseline_env,
            BENCH / "baseline.log",
        )

        def start_worker(log_name):
            return processes.start(
                "worker",
                [
                    PYTHON,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "WARNING",
                    "--hostname",
                    "bench@%h",
                ],
                env,
                BENCH / log_name,
            )

        worker = start_worker("worker.log")
        wait_until_up(f"http://{HOST}:{port}/healthz/", portal, "the portal")
        wait_until_up(f"http://{HOST}:{baseline_port}/healthz/", baseline_process, "the baseline")

        baselines = {}
        ordered = []
        for target in targets:
            target.url = f"http://{HOST}:{port}{target.path}"
            target.server_pid = portal.pid
            if target.kind in ("page", "api") and target.status == "ready" and target.statements:
                baseline = Target(
                    f"baseline:{target.name}",
                    "baseline",
                    f"/{target.name}/",
                    f"raw baseline for {target.name}: the same {len(target.statements)} statements, psycopg2 + "
                    + ("json.dumps" if target.kind == "api" else "a minimal HTML table"),
                    floors={"errors": 0},
                    status="ready",
                )
                baseline.url = f"http://{HOST}:{baseline_port}{baseline.path}"
                baseline.server_pid = baseline_process.pid
                baselines[target.name] = baseline
                ordered.append(baseline)
            ordered.append(target)
        if args.only:
            ordered = [target for target in ordered if target.name in args.only or target.name == "healthz"]

        other_work = OtherWork(args.db_name)
        snapshot = other_work.snapshot()
        time.sleep(2)
        results["other_cpu_cores_before_load"] = idle_load = other_work.cores_since(snapshot)
        if idle_load and idle_load > 0.2:
            print(
                f"WARNING: other processes use {idle_load} of {os.cpu_count()} cores right now; "
                "the figures will be lower than on an idle machine (see other_cpu_cores per target)."
            )
        print(f"Load: {args.connections} connections, {args.duration} s per target (+{args.warmup} s warm-up)")
        for target in ordered:
            if target.status in ("missing", "failing"):
                print(f"  {target.name}: {target.status} ({target.note})")
                continue
            try:
                drive(target, args, other_work)
            except Exception as error:  # one target's failure must not hide the others'
                target.status, target.note = "failing", f"{type(error).__name__}: {error}"
                print(f"  {target.name}: {target.note}", file=sys.stderr)

        healthz = next((target for target in ordered if target.name == "healthz"), None)
        healthz_rps = healthz.load["rps"] if healthz and healthz.load else None
        results["targets"] = {}
        for target in ordered:
            floors = judge(target, healthz_rps, baselines, explain)
            results["targets"][target.name] = {
                "kind": target.kind,
                "description": target.description,
                "path": target.path,
                "status": target.status,
                "note": target.note,
                "http_status": target.http_status,
                "rows": target.rows,
                "statements": len(target.statements) if target.kind in ("page", "api") else None,
                "queries_per_request": target.query_counts or None,
                "baseline": baselines[target.name].name if target.name in baselines else None,
                "ratio_to_baseline": (
                    round(target.load["rps"] / baselines[target.name].load["rps"], 3)
                    if target.status == "measured"
                    and target.name in baselines
                    and baselines[target.name].status == "measured"
                    and baselines[target.name].load["rps"]
                    else None
                ),
                "cpu_ratio_to_baseline": cpu_ratio(target, baselines.get(target.name)),
                "load": target.load,
                "floors": floors,
                "met": all(floor["met"] for floor in floors) if floors else None,
            }

        if args.skip_jobs:
            results["recompute"] = results["change_latency"] = {"status": "skipped"}
        else:
            print("Full recomputation of the learning summaries (one worker, concurrency 1)")
            try:
                wait_for_worker(worker)
                recompute = measure_recomputation(worker, broker, args)
                recompute["floors"] = [
                    {
                        "floor": "seconds",
                        "required": 60,
                        "measured": recompute["seconds"],
                        "met": recompute["seconds"] is not None and recompute["seconds"] <= 60,
                    },
                    {
                        "floor": "worker_peak_rss_mb",
                        "required": 400,
                        "measured": recompute["worker_peak_rss_mb"],
                        "met": recompute["worker_peak_rss_mb"] <= 400,
                    },
                ]
            except Exception as error:
                recompute = {"status": "failing", "note": f"{type(error).__name__}: {error}", "floors": []}
            results["recompute"] = recompute
            if recompute.get("timed_out") or recompute.get("status") == "failing":
                # Jobs still queued or running would hold up the next measurement: a fresh
                # worker on an empty queue.
                processes.kill("worker")
                purge(broker, job_queues())
                worker = start_worker("worker-2.log")
                wait_for_worker(worker)
            print("A committed learning entry reaching its mission's summary")
            try:
                mission = chosen.get("mission")
                latency = measure_change_latency(mission["id"], broker, args) if mission else {"status": "skipped"}
                latency["floors"] = [
                    {
                        "floor": "seconds",
                        "required": 5,
                        "measured": latency.get("mission_summary_s"),
                        "met": latency.get("mission_summary_s") is not None and latency["mission_summary_s"] <= 5,
                    },
                ]
            except Exception as error:
                latency = {"status": "failing", "note": f"{type(error).__name__}: {error}", "floors": []}
            results["change_latency"] = latency

        print_table(ordered, baselines, results)
        print_jobs(results)
        all_floors = [
            floor
            for section in (
                *results["targets"].values(),
                results.get("recompute", {}),
                results.get("change_latency", {}),
            )
            for floor in section.get("floors", [])
        ]
        results["floors_met"] = sum(floor["met"] for floor in all_floors)
        results["floors_total"] = len(all_floors)
        results["missing"] = [name for name, row in results["targets"].items() if row["status"] == "missing"]
        print(f"Floors met: {results['floors_met']} of {results['floors_total']}")
        if results["missing"]:
            print(f"Missing targets: {', '.join(results['missing'])}")
    finally:
        processes.stop_all()
        results["seconds"] = round((datetime.datetime.now(datetime.UTC) - started).total_seconds())
        Path(args.results).write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
        print(f"Results: {args.results}")


def print_jobs(results):
    recompute = results.get("recompute", {})
    if recompute.get("timed_out"):
        print(
            f"Full recomputation: not done after {recompute['timeout_s']} s: {recompute.get('scopes_done_at_timeout')} "
            f"of {recompute.get('scopes')} scopes ({recompute.get('scopes_per_second')}/s), projected "
            f"{recompute.get('projected_seconds')} s; worker peak RSS {recompute.get('worker_peak_rss_mb')} MB "
            f"(largest process {recompute.get('worker_peak_single_process_rss_mb')} MB)"
        )
    elif recompute.get("seconds") is not None:
        print(
            f"Full recomputation: {recompute['seconds']} s for {recompute.get('scopes')} scopes, "
            f"{recompute.get('summaries_written')} summaries written; worker peak RSS "
            f"{recompute.get('worker_peak_rss_mb')} MB (largest process {recompute.get('worker_peak_single_process_rss_mb')} MB)"
        )
    elif recompute:
        print(f"Full recomputation: {recompute.get('status')} {recompute.get('note', '')}")
    latency = results.get("change_latency", {})
    if latency.get("status") in ("skipped", "failing"):
        print(f"Change to summary: {latency['status']} {latency.get('note', '')}")
    elif latency:
        print(
            f"Change to summary: mission {latency.get('mission_summary_s')} s, initiative "
            f"{latency.get('initiative_summary_s')} s after commit (via {latency.get('via')})"
            f"{'; ' + latency['note'] if latency.get('note') else ''}"
        )
    for section in (recompute, latency):
        for floor in section.get("floors", []):
            mark = "met" if floor["met"] else "NOT MET"
            print(
                f"    {floor['floor']:<20} required <= {floor['required']!s:<8} measured {floor['measured']!s:<10} {mark}"
            )


if __name__ == "__main__":
    if shutil.which("wrk") is None and os.geteuid() != 0 and shutil.which("sudo") is None:
        raise SystemExit("wrk is missing and cannot be installed without root (apt-get install wrk)")
    try:
        main()
    except KeyboardInterrupt:
        print("Interrupted; every process the benchmark started has been stopped.", file=sys.stderr)
        sys.exit(130)
