"""python manage.py generate_scale_data [--initiatives N] [--learnings N] [--organisations N] [--seed N] [--force]

Fills the database with a large, deterministic dataset in Danish, Swedish and English for
benchmarks and load tests. The same options give the same content. By default it refuses
to touch a database that already has initiatives; --force adds the generated data next to
what is there (it never deletes anything, and slugs, names and identifiers are kept unique
against the existing rows). Everything is written in one transaction: a failed run leaves
nothing behind. On PostgreSQL the tables are ANALYZEd afterwards, so queries measured
straight after a load get realistic plans.
"""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.scale import DEFAULT_BASE_DATE, ScaleDataGenerator, ScaleOptions
from initiatives.models import Initiative


def positive(minimum):
    def parse(value):
        number = int(value)
        if number < minimum:
            raise ValueError
        return number

    parse.__name__ = f"integer >= {minimum}"
    return parse


class Command(BaseCommand):
    help = (
        "Generate a large deterministic dataset (networks, organisations, initiatives, learning, "
        "portfolios, evaluation) for benchmarks. Refuses a database with initiatives unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=positive(1), default=10_000)
        parser.add_argument("--learnings", type=positive(0), default=100_000, help="Learning entries in total.")
        parser.add_argument("--organisations", type=positive(10), default=300)
        parser.add_argument("--networks", type=positive(1), default=6)
        parser.add_argument(
            "--people-per-organisation", type=positive(1), default=4, help="On average; each gets 1 to 2N-1."
        )
        parser.add_argument(
            "--users", type=positive(0), default=0, help="Give this many people a login (unusable password)."
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--base-date",
            type=date.fromisoformat,
            default=DEFAULT_BASE_DATE,
            help="The 'today' all generated dates are relative to (YYYY-MM-DD, default %(default)s).",
        )
        parser.add_argument("--batch-size", type=positive(1), default=1000, help="Rows per INSERT.")
        parser.add_argument("--force", action="store_true", help="Add to a database that already has initiatives.")

    def handle(self, *args, **options):
        existing = Initiative.objects.count()
        if existing and not options["force"]:
            raise CommandError(
                f"The database already has {existing} initiatives. generate_scale_data only adds to an "
                "existing dataset with --force (it never deletes anything)."
            )
        settings = ScaleOptions(
            initiatives=options["initiatives"],
            learnings=options["learnings"],
            organisations=options["organisations"],
            networks=options["networks"],
            people_per_organisation=options["people_per_organisation"],
            users=options["users"],
            seed=options["seed"],
            base_date=options["base_date"],
            batch_size=options["batch_size"],
        )
        quiet = options["verbosity"] == 0
        generator = ScaleDataGenerator(settings, log=(lambda line: None) if quiet else self.stdout.write)

        started = time.perf_counter()
        with transaction.atomic():
            stats = generator.run()
        generated = time.perf_counter() - started
        analyze_started = time.perf_counter()
        generator.analyze()
        analyzed = time.perf_counter() - analyze_started
        if quiet:
            return
        self.stdout.write("")
        self.stdout.write(f"{'model':<28} {'rows':>10} {'insert s':>9}")
        for label, (rows, seconds) in stats.items():
            self.stdout.write(f"{label:<28} {rows:>10,} {seconds:>9.2f}")
        total_rows = sum(rows for rows, _ in stats.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {total_rows:,} rows in {generated:.1f} s (seed {settings.seed}); ANALYZE {analyzed:.1f} s."
            )
        )
