#!/usr/bin/env python3
"""Keep a local SQLite copy of the Horisont API up to date (docs/api.md, "Keeping a copy").

    python scripts/sync_to_sqlite.py https://horisont.example.org copy.sqlite3 \
        --token hrs_... [--resource initiatives --resource fundings ...]

Run it as often as you like (nightly, hourly); each run fetches only what changed:

1. Each resource's list in sync mode (`ordering=updated`, cursor pages on (updated, id),
   following `next`) since the previous run, and writes every record (upsert by id,
   never replacing a newer copy with an older one). A record edited while we page moves
   behind the cursor and comes again; none is skipped.
2. The deletion feed (`/api/v1/deletions/`) since the previous run: deletes those records.
3. Remembers, as the next run's starting point, the server's time when this run began
   (its `Date` header) minus `--margin` seconds, so a change saved in a transaction that
   was still open while we read is fetched next time. Reading a record twice is harmless.

`--verify N` then revalidates up to N local records, least recently checked first, with
their ETag (`If-None-Match`): 304 leaves them, 200 replaces them, 404 removes them (a
record deleted, or one you may no longer see: a public record turned back into a draft
leaves no tombstone). Only the Python standard library is used."""

import argparse
import datetime
import email.utils
import json
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    resource TEXT NOT NULL,
    id INTEGER NOT NULL,
    updated TEXT NOT NULL,
    body TEXT NOT NULL,
    etag TEXT,
    checked REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (resource, id)
);
CREATE TABLE IF NOT EXISTS sync_state (
    resource TEXT PRIMARY KEY,
    since TEXT NOT NULL
);
"""
DELETIONS = "deletions"


class Client:
    def __init__(self, base_url, token=None, timeout=60):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.requests = 0

    def get(self, url, headers=None):
        """(status, headers, parsed JSON or None). Waits out a 429 (Retry-After)."""
        if not url.startswith("http"):
            url = self.base_url + url
        request_headers = {"Accept": "application/json", **(headers or {})}
        if self.token:
            request_headers["Authorization"] = f"Bearer {self.token}"
        while True:
            self.requests += 1
            request = urllib.request.Request(url, headers=request_headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = response.read()
                    return response.status, response.headers, json.loads(body) if body else None
            except urllib.error.HTTPError as error:
                if error.code == 429:
                    time.sleep(int(error.headers.get("Retry-After", "5")))
                    continue
                if error.code in (304, 404):
                    return error.code, error.headers, None
                raise RuntimeError(f"{url}: {error.code} {error.read().decode('utf-8', 'replace')}") from None

    def pages(self, url):
        """Every record of a cursor-paged list, page by page."""
        while url:
            _, _, page = self.get(url)
            yield from page["results"]
            url = page["next"]


def server_time(headers):
    """The server's clock (the Date header), as an ISO 8601 instant."""
    moment = email.utils.parsedate_to_datetime(headers["Date"])
    return moment.timestamp()


def iso(timestamp):
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(timestamp))


def instant(value):
    """An ISO 8601 time with any offset as a UTC string that sorts as the instants do."""
    moment = datetime.datetime.fromisoformat(value).astimezone(datetime.UTC)
    return moment.isoformat(timespec="microseconds")


def upsert(db, resource, record):
    db.execute(
        """INSERT INTO records (resource, id, updated, body) VALUES (?, ?, ?, ?)
           ON CONFLICT (resource, id) DO UPDATE SET updated = excluded.updated, body = excluded.body, etag = NULL
           WHERE excluded.updated >= records.updated""",
        (resource, record["id"], instant(record["updated"]), json.dumps(record, sort_keys=True)),
    )


def sync(client, db, resources=None, margin=300.0, page_size=100):
    """One run. Returns {"changed": n, "deleted": n, "requests": n}."""
    db.executescript(SCHEMA)
    status, headers, root = client.get("/api/v1/")
    started = server_time(headers)
    resources = resources or sorted(root["resources"])
    state = dict(db.execute("SELECT resource, since FROM sync_state"))
    changed = deleted = 0
    for resource in resources:
        query = {"ordering": "updated", "limit": page_size}
        if resource in state:
            query["updated_since"] = state[resource]
        for record in client.pages(f"/api/v1/{resource}/?{urllib.parse.urlencode(query)}"):
            upsert(db, resource, record)
            changed += 1
        db.commit()
    query = [("limit", page_size), *(("type", resource) for resource in resources)]
    if DELETIONS in state:
        query.append(("deleted_since", state[DELETIONS]))
    for tombstone in client.pages(f"/api/v1/deletions/?{urllib.parse.urlencode(query)}"):
        cursor = db.execute("DELETE FROM records WHERE resource = ? AND id = ?", (tombstone["type"], tombstone["id"]))
        deleted += cursor.rowcount
    since = iso(started - margin)
    db.executemany(
        """INSERT INTO sync_state (resource, since) VALUES (?, ?)
           ON CONFLICT (resource) DO UPDATE SET since = excluded.since""",
        [(resource, since) for resource in [*resources, DELETIONS]],
    )
    db.commit()
    return {"changed": changed, "deleted": deleted, "requests": client.requests}


def verify(client, db, limit):
    """Revalidate up to `limit` records with their ETag. Returns {"unchanged", "replaced", "removed"}."""
    counts = {"unchanged": 0, "replaced": 0, "removed": 0}
    rows = db.execute("SELECT resource, id, etag FROM records ORDER BY checked, resource, id LIMIT ?", (limit,))
    for resource, pk, etag in rows.fetchall():
        status, headers, record = client.get(f"/api/v1/{resource}/{pk}/", {"If-None-Match": etag} if etag else {})
        if status == 404:
            db.execute("DELETE FROM records WHERE resource = ? AND id = ?", (resource, pk))
            counts["removed"] += 1
            continue
        if status == 200:
            db.execute(
                "UPDATE records SET updated = ?, body = ? WHERE resource = ? AND id = ?",
                (instant(record["updated"]), json.dumps(record, sort_keys=True), resource, pk),
            )
            counts["replaced" if etag else "unchanged"] += 1
        else:
            counts["unchanged"] += 1
        db.execute(
            "UPDATE records SET etag = ?, checked = ? WHERE resource = ? AND id = ?",
            (headers.get("ETag", etag), time.time(), resource, pk),
        )
    db.commit()
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="The portal, e.g. https://horisont.example.org")
    parser.add_argument("database", help="The SQLite file to keep up to date (made if missing)")
    parser.add_argument("--token", help="An API token (from /account/tokens/); without it, public records only")
    parser.add_argument("--resource", action="append", help="A resource to copy (repeat); default: all")
    parser.add_argument("--margin", type=float, default=300.0, help="Seconds to read again each run (default 300)")
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--verify", type=int, default=0, metavar="N", help="Revalidate N records by ETag afterwards")
    args = parser.parse_args(argv)
    client = Client(args.base_url, args.token)
    with sqlite3.connect(args.database) as db:
        result = sync(client, db, args.resource, args.margin, args.page_size)
        if args.verify:
            result.update(verify(client, db, args.verify))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
