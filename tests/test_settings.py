"""Production settings: no default secrets, and `check --deploy` reports nothing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k3Vq9-rT_w2Lx8#mZ4pN6sY1uB7cE0hJ5dG@fA!oI-production-like-test-key-Wq",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/horisont",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "horisont.example.org",
    "HORISONT_IATI_REPORTING_ORG_REF": "DK-CVR-12345678",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and not k.startswith("DJANGO")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_check_deploy_is_clean_with_a_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_while_the_iati_publisher_is_the_placeholder():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "HORISONT_IATI_REPORTING_ORG_REF"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "initiatives.W001" in result.stderr and "XM-HORISONT" in result.stderr
    # Only a deployment check: a plain check (development, tests) stays quiet.
    assert "initiatives.W001" not in manage("check", env=env).stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_malformed_environment_values_stop_start_up():
    result = manage("check", env={**PRODUCTION_ENV, "CONN_MAX_AGE": "sixty"})
    assert result.returncode != 0


def test_static_files_collect_with_production_storage(tmp_path):
    """The manifest storage follows every reference in our CSS and JS (a vendored file
    naming a missing source map would break the image build)."""
    result = manage("collectstatic", "--noinput", env={**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
