"""The production stack as written: docker-compose.yml and the Dockerfile.

There is no container engine where the suite runs, so the files are read (PyYAML resolves
the `<<: *django` merges) and what they start is started here directly: gunicorn under
production settings answering the image's health probe, and a Celery worker answering the
compose worker's ping."""

import json
import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
DJANGO_SERVICES = ["web", "worker", "beat", "migrate"]
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|PRIVATE|CREDENTIAL", re.IGNORECASE)

# Services without a health check, and why. Each must disable the image's HTTP check
# explicitly, or Docker would run it and report them unhealthy.
HEALTHCHECK_EXEMPT = {
    # Celery beat is no worker: it answers no `inspect ping` and serves no port. It is alive
    # while its process is; when that dies the container exits and `restart` applies.
    "beat",
    # One-shot: it applies the migrations and exits; the others wait for its exit code.
    "migrate",
}


# ---------------------------------------------------------------- Dockerfile, parsed ----


def dockerfile_instructions():
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    instructions, current = [], ""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue  # a comment line inside a continued instruction
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, arguments = current.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        current = ""
    assert not current, "the Dockerfile ends inside a continued line"
    return instructions


def final_stage():
    instructions = dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def healthcheck_command(arguments):
    """The exec-form command of a HEALTHCHECK instruction, as a list."""
    _, _, command = arguments.partition("CMD ")
    return json.loads(command)


def image_healthcheck():
    return [args for keyword, args in final_stage() if keyword == "HEALTHCHECK"]


# ---------------------------------------------------------------------- compose file ----


def test_the_stack_has_its_services():
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(SERVICES)


def test_django_services_run_one_image_with_one_environment():
    django = COMPOSE["x-django"]
    assert django["build"]["context"] == "."
    for name in DJANGO_SERVICES:
        service = SERVICES[name]
        assert service["image"] == django["image"], name
        assert service["build"] == django["build"], name
        assert service["environment"] == django["environment"], name
    assert django["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"


def test_the_environment_names_what_production_settings_require():
    environment = COMPOSE["x-django"]["environment"]
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"} <= set(environment)
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert "@postgres:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://redis:6379/")


# Variables the settings read that compose deliberately does not pass on.
NOT_PASSED_ON = {
    "DJANGO_DEBUG": "production settings fix DEBUG = False",
    "MEDIA_ROOT": "the image sets it to the directory the media volume is mounted on",
    "CELERY_TASK_DEFAULT_QUEUE": "worker and senders must agree; the default serves both",
    "STATIC_ROOT": "collectstatic runs when the image is built, into the image's own directory",
}


def test_every_variable_production_reads_can_be_set():
    """A setting added to base or production settings must reach the containers."""
    read = set()
    for module in ["base.py", "production.py", "objectstore.py"]:
        source = (ROOT / "config" / "settings" / module).read_text()
        read |= set(re.findall(r"\benv(?:\.\w+)?\(\s*[\"'](\w+)[\"']", source))
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= read  # the pattern still finds them
    environment = COMPOSE["x-django"]["environment"]
    missing = read - set(environment) - set(NOT_PASSED_ON)
    assert not missing, f"add to x-django's environment in docker-compose.yml: {sorted(missing)}"


def test_uploads_go_to_the_object_store_every_django_service_sees():
    environment = COMPOSE["x-django"]["environment"]
    assert environment["MEDIA_S3_BUCKET"]
    assert environment["MEDIA_S3_ENDPOINT_URL"].startswith("${MEDIA_S3_ENDPOINT_URL:?")
    assert environment["MEDIA_S3_ACCESS_KEY_ID"] == SERVICES["minio"]["environment"]["MINIO_ROOT_USER"]
    assert environment["MEDIA_S3_SECRET_ACCESS_KEY"] == SERVICES["minio"]["environment"]["MINIO_ROOT_PASSWORD"]
    for name in DJANGO_SERVICES:
        assert SERVICES[name]["depends_on"]["minio"] == {"condition": "service_healthy"}, name
    assert "manage.py ensure_media_bucket" in SERVICES["migrate"]["command"]
    assert named_volume_mounts(SERVICES["minio"])["/data"] in set(COMPOSE["volumes"])


def test_the_secret_key_has_no_default():
    secret_key = COMPOSE["x-django"]["environment"]["SECRET_KEY"]
    assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", secret_key), secret_key


def all_environment_values():
    for name, service in SERVICES.items():
        for key, value in (service.get("environment") or {}).items():
            yield name, key, value


def test_no_secret_is_written_into_the_file():
    references = re.compile(r"\$\{(\w+)(:?[-?+])?([^}]*)\}")
    for service, key, value in all_environment_values():
        if value is None:
            continue  # passed on from where compose runs, if set there
        for variable, operator, _ in references.findall(str(value)):
            if SECRET_NAME.search(variable):
                assert operator in (":?", "?"), f"{service}: {key} gives {variable} a default"
        if SECRET_NAME.search(key):
            assert references.fullmatch(str(value)), f"{service}: {key} is written into the file"


def test_the_database_password_has_no_default():
    database_url = COMPOSE["x-django"]["environment"]["DATABASE_URL"]
    assert "${POSTGRES_PASSWORD:?" in database_url
    assert SERVICES["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_processes_run_the_right_commands():
    assert "gunicorn config.wsgi:application" in SERVICES["web"]["command"]
    assert "--bind 0.0.0.0:8000" in SERVICES["web"]["command"]
    assert SERVICES["worker"]["command"].startswith("celery -A config.celery_app worker")
    assert SERVICES["beat"]["command"].startswith("celery -A config.celery_app beat")


def test_the_commands_name_modules_that_exist():
    import importlib

    assert hasattr(importlib.import_module("config.celery_app"), "app")
    assert hasattr(importlib.import_module("config.wsgi"), "application")


def test_migrations_run_once_before_the_code_that_needs_them():
    assert "manage.py migrate" in SERVICES["migrate"]["command"]
    assert SERVICES["migrate"]["restart"] == "no"
    for name in ["web", "worker", "beat"]:
        assert SERVICES[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}, name


def test_django_services_wait_for_a_healthy_database_and_broker():
    for name in DJANGO_SERVICES:
        depends_on = SERVICES[name]["depends_on"]
        assert depends_on["postgres"] == {"condition": "service_healthy"}, name
        assert depends_on["redis"] == {"condition": "service_healthy"}, name


def test_every_service_has_a_health_check_or_a_stated_exemption():
    assert HEALTHCHECK_EXEMPT <= set(SERVICES), "an exemption names a service that is gone"
    for name, service in SERVICES.items():
        healthcheck = service.get("healthcheck")
        assert healthcheck, f"{name} has no healthcheck"
        if name in HEALTHCHECK_EXEMPT:
            assert healthcheck == {"disable": True}, name
        else:
            assert not healthcheck.get("disable"), name
            assert healthcheck["test"][0] in ("CMD", "CMD-SHELL") and len(healthcheck["test"]) > 1, name


def test_health_checks_probe_the_right_thing():
    web = " ".join(SERVICES["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/healthz/" in web
    worker = SERVICES["worker"]["healthcheck"]["test"]
    assert worker[0] == "CMD-SHELL"  # $HOSTNAME needs a shell
    assert "celery -A config.celery_app inspect ping -d celery@$$HOSTNAME" in worker[1]
    assert "pg_isready" in " ".join(SERVICES["postgres"]["healthcheck"]["test"])
    assert "redis-cli ping" in " ".join(SERVICES["redis"]["healthcheck"]["test"])


def test_web_probe_is_the_image_probe():
    (image_check,) = image_healthcheck()
    assert SERVICES["web"]["healthcheck"]["test"] == ["CMD", *healthcheck_command(image_check)]


def named_volume_mounts(service):
    mounts = {}
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        mounts[target] = source
    return mounts


def test_state_lives_on_declared_volumes():
    declared = set(COMPOSE["volumes"])
    assert named_volume_mounts(SERVICES["postgres"])["/var/lib/postgresql/data"] in declared
    assert named_volume_mounts(SERVICES["redis"])["/data"] in declared
    assert SERVICES["postgres"]["image"].startswith("postgres:15")
    assert SERVICES["redis"]["image"].startswith("redis:7")
    for service in SERVICES.values():
        assert set(named_volume_mounts(service).values()) <= declared


def test_uploads_are_on_a_volume_where_the_image_puts_them():
    environment = dict(
        re.match(r"(\w+)=(\S+)", pair).groups()
        for keyword, args in final_stage()
        if keyword == "ENV"
        for pair in args.split()
    )
    media_root = environment["MEDIA_ROOT"]
    for name in ["web", "worker"]:
        assert media_root in named_volume_mounts(SERVICES[name]), name


def test_beat_keeps_its_schedule_on_a_volume():
    command = shlex.split(SERVICES["beat"]["command"])
    schedule = Path(command[command.index("--schedule") + 1])
    assert str(schedule.parent) in named_volume_mounts(SERVICES["beat"])


# -------------------------------------------------------------------------- Dockerfile ----


def test_the_image_is_the_python_the_project_requires():
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    base_images = [args.split()[0] for keyword, args in dockerfile_instructions() if keyword == "FROM"]
    oldest = re.match(r">=\s*(3\.\d+)", requires).group(1)
    assert base_images and all(image == f"python:{oldest}-slim" for image in base_images)


def test_the_image_installs_the_project_and_collects_static_files():
    runs = [args for keyword, args in dockerfile_instructions() if keyword == "RUN"]
    assert any(re.search(r"\bpip install \.(\s|$)", run) for run in runs)
    (collect,) = [run for run in runs if "collectstatic" in run]
    assert "SECRET_KEY=" in collect


def test_no_secret_is_baked_into_the_image():
    for keyword, args in dockerfile_instructions():
        if keyword in ("ENV", "ARG"):
            assert not SECRET_NAME.search(args), f"{keyword} {args}"


def test_the_image_runs_as_a_user_that_is_not_root():
    stage = final_stage()
    users = [(i, args) for i, (keyword, args) in enumerate(stage) if keyword == "USER"]
    assert users, "the final stage sets no USER"
    position, user = users[-1]
    assert user.split(":")[0] not in ("root", "0")
    (command_position,) = [i for i, (keyword, _) in enumerate(stage) if keyword == "CMD"]
    assert position < command_position


def test_the_image_serves_gunicorn_on_8000_and_checks_its_health():
    stage = final_stage()
    (command,) = [json.loads(args) for keyword, args in stage if keyword == "CMD"]
    assert command[:2] == ["gunicorn", "config.wsgi:application"]
    assert command[command.index("--bind") + 1] == "0.0.0.0:8000"
    (check,) = image_healthcheck()
    assert "/healthz/" in " ".join(healthcheck_command(check))
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in " ".join(
        args for keyword, args in stage if keyword == "ENV"
    )


# ------------------------------------------------------ what the probes start and ask ----


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(**extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # healthz touches neither; the settings only require that they are given.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/horisont_unused",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "horisont.example.org,.example.net",
        **extra,
    }


def wait_until_listening(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    output = process.stderr.read() if process.poll() is not None else ""
    raise AssertionError(f"nothing listens on port {port}: {output}")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_the_image_probe_passes_against_gunicorn_under_production_settings():
    """The probe must get past the HTTPS redirect and the host check of production."""
    port = free_port()
    environment = production_environment(WEB_CONCURRENCY="1")
    (check,) = image_healthcheck()
    probe = [sys.executable if part == "python" else part for part in healthcheck_command(check)]
    probe = [part.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for part in probe]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_listening(port, server)
        result = subprocess.run(probe, env=environment, capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr
        # The same probe with a host production does not serve must fail: it really asks.
        refused = subprocess.run(
            probe, env={**environment, "ALLOWED_HOSTS": "elsewhere.example.com"}, capture_output=True, timeout=30
        )
        assert refused.returncode != 0
    finally:
        stop(server)


@pytest.mark.worker
def test_the_worker_probe_pings_a_worker_started_as_compose_starts_it():
    # A Redis database of its own, so this worker takes no job meant for another test.
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/13",
        "HOSTNAME": socket.gethostname(),
    }
    worker_command = shlex.split(SERVICES["worker"]["command"])
    worker_command += ["--concurrency", "1", "--without-mingle", "--without-gossip"]
    # Compose turns `$$` into `$`; the shell then expands $HOSTNAME.
    probe = SERVICES["worker"]["healthcheck"]["test"][1].replace("$$", "$")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", *worker_command[1:]],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log, ready = [], threading.Event()

    def read_log():
        for line in worker.stderr:
            log.append(line)
            if " ready." in line:
                ready.set()

    threading.Thread(target=read_log, daemon=True).start()
    celery_bin = str(Path(sys.executable).parent)
    try:
        assert ready.wait(timeout=90), "".join(log[-20:])
        result = subprocess.run(
            ["sh", "-c", probe],
            cwd=ROOT,
            env={**environment, "PATH": f"{celery_bin}:{environment.get('PATH', '')}"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"celery@{socket.gethostname()}: OK" in result.stdout
    finally:
        stop(worker)
