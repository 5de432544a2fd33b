"""Anonymous pages and API lists, kept in the cache (Redis in production) for a short time.

What the public reads is the same for every anonymous reader, so the rendered answer is
kept and served again instead of being rendered anew (docs/performance.md: it is what
lets the list pages and the API answer within their latency floors on a small machine).

Rules (tests/test_pagecache.py holds them):

- Only GET and HEAD from anonymous users, without pending messages; never a logged-in
  user's page, so nothing a login can see (drafts, network records) is ever stored.
- The key is the address (scheme, host, path and query string), the language the
  LocaleMiddleware chose (URL, language cookie or Accept-Language), and for pages the
  htmx headers (a results-only answer differs from the whole page), for the API the
  media type negotiated (JSON or CSV).
- Only complete 200 answers that set no cookie. A page is stored with a placeholder
  where its CSRF token was; each answer gets the reader's own token (and the CSRF cookie)
  put back. Likewise a page that carries the response's CSP nonce (the schema.org JSON-LD
  element) is stored with a placeholder where the nonce was, and each answer gets a
  fresh nonce, which the CSP header then allows. A page whose rendering asked for a CSRF
  token any other way is not stored: a cached token would be someone else's.
- Any write through the ORM (save, delete, many-to-many change) to the domain apps
  invalidates every stored answer once its transaction commits: a global generation,
  read with the answer in one round trip, changes. Writes that send no signal
  (`QuerySet.update()`, `bulk_create()`, SQL) call `invalidate()` or wait for the
  time-out, `HORISONT_PAGE_CACHE_SECONDS` (30 s by default; 0 turns the cache off).
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe

# Written where a page's CSRF token goes; replaced by each reader's own token.
CSRF_PLACEHOLDER = "horisontpagecachecsrftoken0placeholder0"
# Stored where a page's CSP nonce was; replaced by each answer's own nonce.
NONCE_PLACEHOLDER = "horisontpagecachecspnonce0placeholder0"
GENERATION_KEY = "pagecache:generation"
KEY_PREFIX = "pagecache:page"
# Writes to these apps' models change what the public reads.
WATCHED_APPS = ("partners", "initiatives", "portfolios", "evaluation")
HTMX_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_BOOSTED", "HTTP_HX_TARGET", "HTTP_HX_HISTORY_RESTORE_REQUEST")
# Headers the middleware sets on every answer anyway.
NOT_STORED_HEADERS = {"vary", "content-length", "content-language"}


def seconds():
    return getattr(settings, "HORISONT_PAGE_CACHE_SECONDS", 0)


def backend():
    return caches[getattr(settings, "HORISONT_PAGE_CACHE_ALIAS", "default")]


def invalidate():
    """Forget every stored answer (a new generation)."""
    if seconds() > 0:
        backend().set(GENERATION_KEY, uuid.uuid4().hex, None)


def _after_commit():
    invalidate()


def _changed(sender, using=None, **kwargs):
    if sender._meta.app_label not in WATCHED_APPS:
        return
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: only once it happened
    invalidate_after_commit(using)


def invalidate_after_commit(using=None):
    """Forget every stored answer once the current transaction commits (once per
    transaction). For writes that send no signal: update(), bulk_create(), SQL."""
    if seconds() <= 0:
        return
    connection = connections[using or "default"]
    if connection.in_atomic_block and any(func is _after_commit for _, func, _ in connection.run_on_commit):
        return  # once per transaction
    # robust: the write is committed by then; a cache that does not answer (core/cache.py
    # absorbs an outage already) must never turn a saved change into an error page.
    transaction.on_commit(_after_commit, using=using, robust=True)


def connect_signals():
    for name, signal in (("post_save", post_save), ("post_delete", post_delete), ("m2m_changed", m2m_changed)):
        signal.connect(_changed, dispatch_uid=f"core.pagecache.{name}")


def _has_messages(request):
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def anonymous_get(request):
    return (
        seconds() > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not _has_messages(request)
    )


def cached_fragment(parts, render):
    """The HTML `render()` gives, kept under `parts` (everything it depends on) for the
    same time and with the same invalidation as the pages. For pieces of pages that
    logged-in users read too, where `parts` name their audience."""
    if seconds() <= 0:
        return render()
    digest = hashlib.sha256("\n".join(str(part) for part in parts).encode()).hexdigest()
    key = f"pagecache:fragment:{digest}"
    cache = backend()
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    entry = found.get(key)
    if entry is not None and entry["generation"] == generation:
        return mark_safe(entry["html"])  # noqa: S308 (stored from render(), which escaped it)
    html = render()
    cache.set(key, {"generation": generation, "html": str(html)}, seconds())
    return html


class CachedAnswer:
    """One request's view of the cache: `get()` an answer stored before, or `keep()`
    the answer this request renders."""

    def __init__(self, request, variant):
        self.request = request
        parts = [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            *variant,
        ]
        digest = hashlib.sha256("\n".join(str(part) for part in parts).encode()).hexdigest()
        self.key = f"{KEY_PREFIX}:{digest}"
        self.generation = None

    @classmethod
    def for_page(cls, request):
        if not anonymous_get(request):
            return None
        return cls(request, ["page", *(request.META.get(name, "") for name in HTMX_HEADERS)])

    @classmethod
    def for_api(cls, request):
        """For a DRF request, after content negotiation."""
        if not anonymous_get(request):
            return None
        return cls(request, ["api", getattr(request, "accepted_media_type", "")])

    def get(self):
        found = backend().get_many([GENERATION_KEY, self.key])
        self.generation = found.get(GENERATION_KEY)
        entry = found.get(self.key)
        if entry is None or entry["generation"] != self.generation:
            return None
        body = entry["body"]
        if entry["csrf"]:
            body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(self.request).encode())
        if entry.get("nonce"):
            # Reading the nonce makes the CSP middleware put it in this answer's header.
            body = body.replace(NONCE_PLACEHOLDER.encode(), str(self.request.csp_nonce).encode())
        response = HttpResponse(body)
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response

    def keep(self, response, csrf_placeholder=False):
        """Store `response` (a TemplateResponse or a DRF Response, not rendered yet) once it
        is rendered, if it may be stored."""
        if csrf_placeholder:
            if response.context_data is None:
                response.context_data = {}
            response.context_data["csrf_token"] = CSRF_PLACEHOLDER
            self._csrf_before = self.request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        self._csrf_placeholder = csrf_placeholder
        response.add_post_render_callback(self._rendered)
        response["X-Page-Cache"] = "miss"
        return response

    def _may_store(self, response):
        request = self.request
        if response.status_code != 200 or response.cookies or response.streaming:
            return False
        if "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
            return False
        if self._csrf_placeholder and request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False) != self._csrf_before:
            return False  # something wrote a real CSRF token into the page
        return not _has_messages(request)

    def _rendered(self, response):
        body = response.content
        uses_csrf = self._csrf_placeholder and CSRF_PLACEHOLDER.encode() in body
        if self._may_store(response):
            headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS]
            nonce = getattr(self.request, "_csp_nonce", None)
            entry = {
                "generation": self.generation,
                "headers": [(name, value) for name, value in headers if name != "X-Page-Cache"],
                # This answer's nonce is not stored: each later answer gets its own.
                "body": body.replace(nonce.encode(), NONCE_PLACEHOLDER.encode()) if nonce else body,
                "csrf": uses_csrf,
                "nonce": bool(nonce),
            }
            backend().set(self.key, entry, seconds())
        if uses_csrf:
            response.content = body.replace(CSRF_PLACEHOLDER.encode(), get_token(self.request).encode())
        return None


class AnonymousPageCacheMixin:
    """For class-based views that answer with a TemplateResponse: an anonymous GET is
    served from the cache when it can be. Set `page_cache = False` on a view whose page
    depends on more than its address, its language and the data."""

    page_cache = True

    def dispatch(self, request, *args, **kwargs):
        answer = CachedAnswer.for_page(request) if self.page_cache else None
        if answer is not None:
            hit = answer.get()
            if hit is not None:
                return hit
        response = super().dispatch(request, *args, **kwargs)
        if answer is not None and hasattr(response, "add_post_render_callback") and not response.is_rendered:
            answer.keep(response, csrf_placeholder=True)
        return response
