"""`field__has_item=value` on a JSONField holding a list: does the list contain value?

Django's `contains` on JSONField is not available on SQLite, the embedded default, so
multi-valued controlled vocabularies (SDG targets, value domains, ...) use this lookup,
which is `@>` on PostgreSQL (and can use a GIN index) and json_each on SQLite."""

import json

from django.db.models import JSONField, Lookup


@JSONField.register_lookup
class HasItem(Lookup):
    lookup_name = "has_item"
    prepare_rhs = False

    def get_prep_lookup(self):
        return self.rhs

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return (
            f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value = %s)",
            [*lhs_params, self.rhs],
        )

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} @> %s::jsonb", [*lhs_params, json.dumps([self.rhs])]
