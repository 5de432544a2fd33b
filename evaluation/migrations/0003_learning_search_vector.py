"""Full-text search on learning entries: a generated tsvector column in the content
language's text-search configuration (evaluation.search) and, on PostgreSQL, a GIN index
on it. The index is created here rather than in Meta.indexes because SQLite (the
embedded default) has no GIN; the model field's comment points here."""

from django.db import migrations, models

import evaluation.search

INDEX_NAME = "learningentry_search_gin"


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("evaluation", "LearningEntry")._meta.db_table)
    schema_editor.execute(f"CREATE INDEX {INDEX_NAME} ON {table} USING gin (search_vector)")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="learningentry",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=evaluation.search.LanguageSearchVector(
                    "language",
                    ("title", "A"),
                    ("what_we_learned", "B"),
                    ("what_we_did", "C"),
                    ("where_we_are_heading", "C"),
                ),
                output_field=evaluation.search.SearchDocumentField(),
                verbose_name="search vector",
            ),
        ),
        migrations.RunPython(create_gin_index, drop_gin_index, elidable=False),
    ]
