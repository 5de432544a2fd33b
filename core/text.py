from django.utils.text import slugify

# æ and ø do not decompose to ASCII as å, ä and ö do, so slugify would drop them.
# Path words that sit beside <slug> in the URLs (initiatives/add/ before initiatives/<slug>/).
RESERVED_SLUGS = {"add", "edit", "delete", "history", "import", "export"}

DANISH_LETTERS = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "oe", "Ø": "Oe"})


def unique_slug(instance, value, field="slug", max_length=200):
    """A slug for value that no other row of instance's model has yet (suffix -2, -3, ...)."""
    base = slugify(value.translate(DANISH_LETTERS), allow_unicode=False)[: max_length - 8]
    base = base or instance._meta.model_name
    if base in RESERVED_SLUGS:
        base = f"{base}-{instance._meta.model_name}"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
