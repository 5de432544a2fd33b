"""Uploads on an S3-compatible object store, as production runs them when MEDIA_S3_BUCKET
is set (config/settings/objectstore.py): a real S3 server (moto's server mode, started and
stopped here) holds the files; the pages link to them with signed, expiring URLs; the
bucket refuses unsigned reads; an upload that is not a picture never reaches the store.

moto's server checks that a read is signed, but not the signature's expiry, so expiry is
checked in the URL the portal hands out (and by the real S3 service or MinIO)."""

import io
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image

from config.settings.objectstore import media_storage
from core.choices import Visibility

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "horisont-media-test"
KEYS = {"MEDIA_S3_ACCESS_KEY_ID": "horisont-test", "MEDIA_S3_SECRET_ACCESS_KEY": "horisont-test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_environment(s3_endpoint, monkeypatch):
    environment = {"MEDIA_S3_BUCKET": BUCKET, "MEDIA_S3_ENDPOINT_URL": s3_endpoint, "MEDIA_S3_URL_SECONDS": "120"}
    for name, value in {**environment, **KEYS}.items():
        monkeypatch.setenv(name, value)
    return environment


@pytest.fixture
def bucket(s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["MEDIA_S3_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=BUCKET)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def object_store(s3_environment, bucket):
    """The settings production derives from that environment, in force for one test."""
    storage, origins = media_storage(environ.Env())
    with override_settings(STORAGES={"default": storage, "staticfiles": {"BACKEND": _static_backend()}}):
        yield storage, origins


def _static_backend():
    return "django.contrib.staticfiles.storage.StaticFilesStorage"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def event_form(**changes):
    return {
        "date": "2025-05-26",
        "title": "Kaffe efter gymnastik",
        "narrative": "Kaffepausen efter gymnastik skabte nye fællesskaber.",
        "participants": "Borgere og frivillige",
        "visibility": Visibility.NETWORK,
        "language": "da",
        "resources-TOTAL_FORMS": "0",
        "resources-INITIAL_FORMS": "0",
        "resources-MIN_NUM_FORMS": "0",
        "resources-MAX_NUM_FORMS": "1000",
        **changes,
    }


def post_event(client, initiative, picture):
    url = reverse("evaluation:initiative_event_add", kwargs={"initiative_slug": initiative.slug})
    return client.post(url, event_form(image=picture, image_description="Borgere drikker kaffe"))


def keys_in(bucket):
    return [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_uploaded_picture_is_stored_in_the_bucket_and_shown_through_a_signed_url(
    client, object_store, bucket, network_initiative, coordinator, member
):
    _storage, origins = object_store
    client.force_login(coordinator)
    response = post_event(client, network_initiative, SimpleUploadedFile("kaffe.png", png_bytes(), "image/png"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = network_initiative.events.get()
    assert keys_in(bucket) == [event.image.name]
    stored = bucket.get_object(Bucket=BUCKET, Key=event.image.name)
    assert stored["Body"].read() == png_bytes()

    # A member of the network opens the wall: the picture is a signed link to the store.
    client.force_login(member)
    wall = client.get(reverse("evaluation:initiative_events", kwargs={"slug": network_initiative.slug}))
    sources = [unescape(src) for src in re.findall(r'<img[^>]+src="([^"]+)"', wall.content.decode())]
    assert len(sources) == 1, sources
    link = urlsplit(sources[0])
    assert f"{link.scheme}://{link.netloc}" == origins[0]
    query = parse_qs(link.query)
    assert query["X-Amz-Expires"] == ["120"] and query["X-Amz-Signature"], query
    with urllib.request.urlopen(sources[0], timeout=10) as download:
        assert download.read() == png_bytes()


def test_the_bucket_refuses_a_read_without_a_signature(object_store, bucket, s3_endpoint):
    name = default_storage.save("events/2025/probe.png", io.BytesIO(png_bytes()))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_endpoint}/{BUCKET}/{name}", timeout=10)
    assert refused.value.code == 403


def test_two_uploads_with_one_name_keep_both_files(object_store, bucket):
    first = default_storage.save("events/2025/kaffe.png", io.BytesIO(png_bytes()))
    second = default_storage.save("events/2025/kaffe.png", io.BytesIO(b"another"))
    assert first != second
    assert sorted(keys_in(bucket)) == sorted([first, second])


def test_an_upload_that_is_not_a_picture_never_reaches_the_store(
    client, object_store, bucket, network_initiative, coordinator
):
    client.force_login(coordinator)
    fake = SimpleUploadedFile("kaffe.png", b"%PDF-1.4 not a picture", content_type="image/png")
    response = post_event(client, network_initiative, fake)
    assert response.status_code == 200
    assert "image" in response.context["form"].errors
    assert keys_in(bucket) == []
    assert not network_initiative.events.exists()


def test_deleting_a_file_removes_it_from_the_store(object_store, bucket):
    name = default_storage.save("events/2025/old.png", io.BytesIO(png_bytes()))
    default_storage.delete(name)
    assert keys_in(bucket) == []


# ------------------------------------------------------------ the environment, strictly ----


def test_without_a_bucket_files_stay_on_the_local_file_system(monkeypatch):
    monkeypatch.delenv("MEDIA_S3_BUCKET", raising=False)
    storage, origins = media_storage(environ.Env())
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert origins == []


@pytest.mark.parametrize("missing", ["MEDIA_S3_ENDPOINT_URL", "MEDIA_S3_ACCESS_KEY_ID", "MEDIA_S3_SECRET_ACCESS_KEY"])
def test_a_bucket_without_its_endpoint_or_keys_is_refused(s3_environment, monkeypatch, missing):
    monkeypatch.delenv(missing)
    with pytest.raises(ImproperlyConfigured, match=missing):
        media_storage(environ.Env())


@pytest.mark.parametrize("seconds", ["0", "604801"])
def test_a_link_lifetime_outside_what_s3_allows_is_refused(s3_environment, monkeypatch, seconds):
    monkeypatch.setenv("MEDIA_S3_URL_SECONDS", seconds)
    with pytest.raises(ImproperlyConfigured, match="MEDIA_S3_URL_SECONDS"):
        media_storage(environ.Env())


def production(environment, code):
    """Run `code` under production settings with `environment` (a process of its own: the
    settings are read once per process)."""
    base = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k3Vq9-rT_w2Lx8#mZ4pN6sY1uB7cE0hJ5dG@fA!oI-objectstore-test-key-Wq",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/horisont",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "horisont.example.org",
    }
    script = f"import django; django.setup(); from django.conf import settings; {code}"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env={**base, **environment}, capture_output=True, text=True
    )


def test_production_reads_the_store_from_its_environment_and_lets_pages_load_from_it(s3_endpoint):
    environment = {"MEDIA_S3_BUCKET": BUCKET, "MEDIA_S3_ENDPOINT_URL": s3_endpoint, **KEYS}
    result = production(
        environment,
        "print(settings.STORAGES['default']['BACKEND']); "
        "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))",
    )
    assert result.returncode == 0, result.stderr
    backend, img_src = result.stdout.splitlines()
    assert backend == "storages.backends.s3.S3Storage"
    assert img_src.split() == ["'self'", "data:", s3_endpoint]


def test_production_refuses_to_start_with_half_a_store():
    result = production({"MEDIA_S3_BUCKET": BUCKET}, "print('started')")
    assert result.returncode != 0
    assert "MEDIA_S3_ENDPOINT_URL" in result.stderr


def test_the_bucket_is_created_once_when_missing(s3_environment, s3_endpoint):
    from django.core.management import call_command

    storage, _origins = media_storage(environ.Env())
    with override_settings(STORAGES={"default": storage, "staticfiles": {"BACKEND": _static_backend()}}):
        first, second = io.StringIO(), io.StringIO()
        call_command("ensure_media_bucket", stdout=first)
        call_command("ensure_media_bucket", stdout=second)
        client = default_storage.connection.meta.client
        try:
            assert f"Created the bucket {BUCKET}" in first.getvalue()
            assert f"The bucket {BUCKET} exists" in second.getvalue()
            client.head_bucket(Bucket=BUCKET)
        finally:
            client.delete_bucket(Bucket=BUCKET)


def test_with_local_files_there_is_no_bucket_to_create():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("ensure_media_bucket", stdout=out)
    assert "local file system" in out.getvalue()
