"""Where uploaded files live in production: an S3-compatible object store that every web
and worker machine sees (MinIO in docker-compose.yml, or any S3 service), or, when no
bucket is named, the local file system of one machine.

Read from the environment, strictly: naming a bucket makes the endpoint and both keys
required, so a half-configured store fails at start-up instead of at the first upload."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

FILE_SYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
REQUIRED_WITH_A_BUCKET = ("MEDIA_S3_ENDPOINT_URL", "MEDIA_S3_ACCESS_KEY_ID", "MEDIA_S3_SECRET_ACCESS_KEY")
# A download link works for five minutes: long enough to open a page and its pictures,
# short enough that a copied link stops working soon.
DEFAULT_URL_SECONDS = 300


def media_storage(env):
    """(the `default` entry of STORAGES, the origins the pages load media from)."""
    bucket = env.str("MEDIA_S3_BUCKET", default="")
    if not bucket:
        return FILE_SYSTEM, []
    missing = [name for name in REQUIRED_WITH_A_BUCKET if not env.str(name, default="")]
    if missing:
        raise ImproperlyConfigured(f"MEDIA_S3_BUCKET is set, so these must be too: {', '.join(missing)}")
    endpoint = env.str("MEDIA_S3_ENDPOINT_URL")
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"MEDIA_S3_ENDPOINT_URL must be an http(s) URL, not {endpoint!r}")
    seconds = env.int("MEDIA_S3_URL_SECONDS", default=DEFAULT_URL_SECONDS)
    if not 1 <= seconds <= 7 * 24 * 3600:
        raise ImproperlyConfigured("MEDIA_S3_URL_SECONDS must be between 1 and 604800 (the S3 limit)")
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID"),
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY"),
            "region_name": env.str("MEDIA_S3_REGION", default="us-east-1"),
            # The bucket stays private: every link is signed and expires.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": seconds,
            "signature_version": "s3v4",
            # Path-style URLs (endpoint/bucket/key) work with MinIO and every S3 service.
            "addressing_style": "path",
            # Two uploads with the same name keep both files.
            "file_overwrite": False,
        },
    }
    return storage, [f"{parts.scheme}://{parts.netloc}"]
