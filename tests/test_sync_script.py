"""Issue 12, "a nightly sync that runs while coordinators edit keeps an exact copy":
scripts/sync_to_sqlite.py, run as a user runs it, against a live server on the real
PostgreSQL database, again and again while another thread edits, adds and deletes
initiatives, their funding and partner rows and missions. At the end the SQLite copy
equals what the API shows: no record lost, none doubled, deletions applied, and every
nested row (funding inside an initiative, missions of an initiative) as the server has it."""

import importlib.util
import json
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from core.choices import Visibility
from core.models import ApiToken
from initiatives.models import Funding, Initiative, Mission
from partners.choices import MembershipRole

from . import factories

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "sync_to_sqlite.py"
RESOURCES = ["initiatives", "fundings", "participations", "missions"]


def load_script():
    spec = importlib.util.spec_from_file_location("sync_to_sqlite", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Writer(threading.Thread):
    """Edits, adds and deletes records through the ORM, each change its own transaction,
    as the portal's requests do, until told to stop."""

    def __init__(self, network, seed=12):
        super().__init__(daemon=True)
        self.network = network
        self.random = random.Random(seed)
        self.stop = threading.Event()
        self.done = Counter()
        self.error = None

    def run(self):
        operations = [
            self.edit_initiative,
            self.add_initiative,
            self.delete_initiative,
            self.add_funding,
            self.edit_funding,
            self.delete_funding,
            self.link_mission,
            self.unlink_mission,
            self.add_mission,
            self.delete_mission,
        ]
        try:
            while not self.stop.is_set():
                operation = self.random.choice(operations)
                with transaction.atomic():
                    if operation() is not False:
                        self.done[operation.__name__] += 1
                time.sleep(self.random.uniform(0, 0.01))
        except Exception as error:  # reported by the test
            self.error = error
        finally:
            connection.close()

    def pick(self, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        return queryset.model.objects.get(pk=self.random.choice(ids)) if ids else None

    def edit_initiative(self):
        initiative = self.pick(Initiative.objects.all())
        if initiative is None:
            return False
        initiative.summary = f"Edited {self.random.random()}"
        initiative.save()

    def add_initiative(self):
        initiative = factories.InitiativeFactory(network=self.network, visibility=Visibility.PUBLIC)
        factories.ParticipationFactory(initiative=initiative)
        factories.FundingFactory(initiative=initiative)

    def delete_initiative(self):
        if Initiative.objects.count() < 40:
            return False
        self.pick(Initiative.objects.all()).delete()

    def add_funding(self):
        initiative = self.pick(Initiative.objects.all())
        if initiative is None:
            return False
        factories.FundingFactory(initiative=initiative, amount=self.random.randint(1, 10**6))

    def edit_funding(self):
        funding = self.pick(Funding.objects.all())
        if funding is None:
            return False
        funding.amount = self.random.randint(1, 10**6)
        funding.save()

    def delete_funding(self):
        funding = self.pick(Funding.objects.all())
        if funding is None:
            return False
        funding.delete()

    def link_mission(self):
        initiative, mission = self.pick(Initiative.objects.all()), self.pick(Mission.objects.all())
        if initiative is None or mission is None:
            return False
        initiative.missions.add(mission)

    def unlink_mission(self):
        mission = self.pick(Mission.objects.all())
        if mission is None:
            return False
        initiative = self.pick(mission.initiatives.all())
        if initiative is None:
            return False
        mission.initiatives.remove(initiative)

    def add_mission(self):
        factories.MissionFactory(network=self.network, visibility=Visibility.PUBLIC)

    def delete_mission(self):
        if Mission.objects.count() < 3:
            return False
        self.pick(Mission.objects.all()).delete()


@pytest.fixture(autouse=True)
def no_triggers(settings):
    # The learning summaries are not what this is about; their recomputation would slow the writer.
    settings.HORISONT_SUMMARY_TRIGGERS = False


def run_script(url, database, token):
    command = [sys.executable, str(SCRIPT), url, str(database), "--token", token, "--margin", "2", "--page-size", "20"]
    for resource in RESOURCES:
        command += ["--resource", resource]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


def local_copy(database):
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT resource, id, body FROM records").fetchall()
    copy = {resource: {} for resource in RESOURCES}
    for resource, pk, body in rows:
        copy[resource][pk] = json.loads(body)
    return copy


def server_data(client):
    return {
        resource: {record["id"]: record for record in client.pages(f"/api/v1/{resource}/?ordering=updated&limit=100")}
        for resource in RESOURCES
    }


@pytest.mark.django_db(transaction=True)
def test_the_sync_script_keeps_an_exact_copy_while_another_thread_writes(live_server, tmp_path):
    network = factories.NetworkFactory()
    admin = factories.UserFactory()
    factories.MembershipFactory(network=network, person=factories.PersonFactory(user=admin), role=MembershipRole.ADMIN)
    _, token = ApiToken.issue(admin, "sync test")
    missions = [factories.MissionFactory(network=network, visibility=Visibility.PUBLIC) for _ in range(4)]
    for n in range(80):
        initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
        factories.ParticipationFactory(initiative=initiative)
        factories.FundingFactory(initiative=initiative)
        initiative.missions.add(missions[n % 4])
    database = tmp_path / "copy.sqlite3"

    writer = Writer(network)
    writer.start()
    runs = []
    try:
        for _ in range(5):
            before = sum(writer.done.values())
            runs.append(run_script(live_server.url, database, token))
            runs[-1]["writes_meanwhile"] = sum(writer.done.values()) - before
    finally:
        writer.stop.set()
        writer.join(timeout=60)
    assert writer.error is None, writer.error
    runs.append(run_script(live_server.url, database, token))

    # The writes overlapped the runs, and every kind of change happened.
    assert all(run["writes_meanwhile"] > 0 for run in runs[:-1]), runs
    assert {name for name, count in writer.done.items() if count} >= {
        "edit_initiative",
        "add_initiative",
        "delete_initiative",
        "add_funding",
        "edit_funding",
        "delete_funding",
        "link_mission",
        "unlink_mission",
        "delete_mission",
    }, writer.done
    # Later runs fetched only what changed.
    assert runs[-1]["changed"] < runs[0]["changed"]

    expected = server_data(load_script().Client(live_server.url, token))
    copy = local_copy(database)
    for resource in RESOURCES:
        assert expected[resource], resource
        missing = expected[resource].keys() - copy[resource].keys()
        stale = copy[resource].keys() - expected[resource].keys()
        different = [
            pk
            for pk in expected[resource].keys() & copy[resource].keys()
            if expected[resource][pk] != copy[resource][pk]
        ]
        assert not missing and not stale and not different, (resource, missing, stale, different[:5])


@pytest.mark.django_db(transaction=True)
def test_verify_revalidates_by_etag_and_removes_records_no_longer_visible(live_server, tmp_path):
    network = factories.NetworkFactory()
    admin = factories.UserFactory()
    factories.MembershipFactory(network=network, person=factories.PersonFactory(user=admin), role=MembershipRole.ADMIN)
    _, token = ApiToken.issue(admin, "sync test")
    initiatives = [factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC) for _ in range(3)]
    database = tmp_path / "copy.sqlite3"
    script = load_script()
    client = script.Client(live_server.url)  # anonymous: public records only
    with sqlite3.connect(database) as db:
        script.sync(client, db, ["initiatives"])
        assert script.verify(client, db, 10) == {"unchanged": 3, "replaced": 0, "removed": 0}
        assert script.verify(client, db, 10) == {"unchanged": 3, "replaced": 0, "removed": 0}
        # A public record turned into a draft leaves no tombstone; its ETag check finds it.
        Initiative.objects.filter(pk=initiatives[0].pk).update(visibility=Visibility.DRAFT)
        initiatives[1].summary = "Changed"
        initiatives[1].save()
        assert script.verify(client, db, 10) == {"unchanged": 1, "replaced": 1, "removed": 1}
        body = db.execute("SELECT body FROM records WHERE id = ?", (initiatives[1].pk,)).fetchone()[0]
        assert json.loads(body)["summary"] == "Changed"
