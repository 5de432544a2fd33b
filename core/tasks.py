"""Celery jobs of core."""

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone


@shared_task(ignore_result=True)
def prune_tombstones():
    """Forget deletions older than HORISONT_TOMBSTONE_DAYS (daily, CELERY_BEAT_SCHEDULE).
    Returns how many were removed."""
    from .models import Tombstone

    cutoff = timezone.now() - datetime.timedelta(days=settings.HORISONT_TOMBSTONE_DAYS)
    removed, _ = Tombstone.objects.filter(deleted_at__lt=cutoff).delete()
    return removed
