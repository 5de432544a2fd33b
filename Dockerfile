# syntax=docker/dockerfile:1
# The production image. gunicorn serves the site; docker-compose.yml runs the same image as
# the Celery worker, Celery beat and the one-shot migration.
#
#   docker build -t horisont .

# ---- build: dependencies, compiled translations, collected static files -----------------
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

# msgfmt compiles the translations; it stays in this stage, not in the image that runs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /app

# pyproject.toml alone installs every dependency (it declares no packages of its own), so
# this layer is rebuilt only when the dependencies change, not on every code change.
COPY pyproject.toml ./
RUN pip install .

COPY . .

# The settings refuse to load without SECRET_KEY, DATABASE_URL and REDIS_URL. These
# build-only values exist for this one RUN (neither command connects to anything) and are
# in no ENV, so the image carries no key.
RUN DJANGO_SETTINGS_MODULE=config.settings.production \
    SECRET_KEY=build-only-not-a-secret \
    DATABASE_URL=sqlite:////tmp/build-only.sqlite3 \
    REDIS_URL=redis://127.0.0.1:6379/0 \
    sh -c 'if find . -path "*/locale/*/LC_MESSAGES/*.po" | grep -q .; then python manage.py compilemessages; fi \
           && python manage.py collectstatic --noinput'

# ---- runtime ---------------------------------------------------------------------------
FROM python:3.11-slim AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    MEDIA_ROOT=/var/lib/horisont/media \
    WEB_CONCURRENCY=3

# The code stays owned by root, so the process that serves it cannot change it. The user
# writes only uploads (media) and beat's schedule; docker-compose.yml mounts volumes there,
# and a new named volume takes its owner from these directories.
RUN groupadd --system --gid 10001 horisont \
    && useradd --system --uid 10001 --gid horisont --home-dir /var/lib/horisont \
       --no-create-home --shell /usr/sbin/nologin horisont \
    && install -d -o horisont -g horisont /var/lib/horisont /var/lib/horisont/media /var/lib/horisont/beat

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app

USER horisont

EXPOSE 8000

# Production redirects plain HTTP to HTTPS and answers only the hosts in ALLOWED_HOSTS,
# so the probe says what the TLS proxy in front would: X-Forwarded-Proto https and the
# first allowed host. urllib raises on any answer but 2xx, which fails the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; hosts = [h.strip().lstrip('.') for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h.strip() not in ('', '*')]; r.urlopen(r.Request('http://127.0.0.1:8000/healthz/', headers={'Host': (hosts or ['localhost'])[0], 'X-Forwarded-Proto': 'https'}), timeout=4)"]

# The number of workers comes from WEB_CONCURRENCY (gunicorn reads it). The heartbeat files
# go to /dev/shm: a container's /tmp can be slow enough to get workers killed.
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-"]
