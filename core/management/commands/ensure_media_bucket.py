"""Create the object store's bucket for uploads when it does not exist yet (run by the
`migrate` service of docker-compose.yml before web and workers start). With uploads on
the local file system there is nothing to do."""

from botocore.exceptions import ClientError
from django.core.files.storage import storages
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the uploads bucket on the S3-compatible object store if it is missing."

    def handle(self, *args, **options):
        storage = storages["default"]
        bucket_name = getattr(storage, "bucket_name", None)
        if not bucket_name:
            self.stdout.write("Uploads are on the local file system: no bucket to create.")
            return
        client = storage.connection.meta.client
        try:
            client.head_bucket(Bucket=bucket_name)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket"):
                raise
            client.create_bucket(Bucket=bucket_name)
            self.stdout.write(f"Created the bucket {bucket_name}.")
        else:
            self.stdout.write(f"The bucket {bucket_name} exists.")
