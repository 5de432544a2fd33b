"""The base for every API serializer: writes obey the same rules as the forms.

- The model's own validation runs (`full_clean`: fields, `clean()`, unique and check
  constraints), and its errors come back per field.
- A relation accepts only records the user may see (`visible_to`), so an id outside
  that answers like one that does not exist.
- Unknown fields are refused rather than silently dropped; the read-only fields of a
  record may be sent back unchanged (read, modify, write).
- Text is plain text: markup is refused, and unbounded text fields get a bound.
- A reference is shown only when its target is visible to the reader (core.references):
  an optional relation to a record they cannot see reads as null, a many-to-many list
  leaves it out (one query per target model for a whole list). Writing such a record
  back keeps the references its writer cannot see."""

import copy
from collections.abc import Mapping

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.utils import model_meta

from core.references import ReferenceVisibility, optional_reference_fields
from core.validators import TEXT_MAX_LENGTH, validate_plain_text


def reject_markup(value):
    """The models' plain-text rule, for values that are not a model field of their own."""
    validate_plain_text(value)


class VisiblePrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A relation by id, limited to the records the requesting user may see."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "visible_to"):
            request = self.context.get("request")
            queryset = queryset.visible_to(getattr(request, "user", None))
        return queryset


class ReferenceListSerializer(serializers.ListSerializer):
    """A list whose records' references are blanked together (core.references), so a
    list page asks once per target model, not once per record."""

    def to_representation(self, data):
        self.child.batched_references = True
        try:
            rows = super().to_representation(data)
        finally:
            self.child.batched_references = False
        self.child.blank_references(rows)
        return rows


class ModelSerializer(serializers.ModelSerializer):
    serializer_related_field = VisiblePrimaryKeyRelatedField
    batched_references = False

    @classmethod
    def many_init(cls, *args, **kwargs):
        meta = getattr(cls, "Meta", None)
        if meta is not None and not hasattr(meta, "list_serializer_class"):
            meta.list_serializer_class = ReferenceListSerializer
        return super().many_init(*args, **kwargs)

    def reference_visibility(self):
        context = self.context
        if "reference_visibility" not in context:
            context["reference_visibility"] = ReferenceVisibility(getattr(context.get("request"), "user", None))
        return context["reference_visibility"]

    def shown_references(self):
        """{output name: target model} of the optional references this serializer shows."""
        shown = {}
        for field in optional_reference_fields(self.Meta.model):
            serializer_field = self.fields.get(field.name)
            if serializer_field is not None and serializer_field.source == field.name:
                shown[field.name] = field.related_model
        return shown

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.batched_references:
            self.blank_references([data])
        return data

    def blank_references(self, rows):
        """Blank, in represented rows, the references to records the reader cannot see."""
        shown = self.shown_references()
        if not shown:
            return
        visibility = self.reference_visibility()
        if visibility.sees_everything:
            return
        for name, target in shown.items():
            ids = set()
            for row in rows:
                value = row.get(name)
                ids.update(value if isinstance(value, list) else [value])
            ids.discard(None)
            visibility.ask(target, ids)
            for row in rows:
                value = row.get(name)
                if isinstance(value, list):
                    row[name] = [pk for pk in value if visibility.is_visible(target, pk)]
                elif value is not None and not visibility.is_visible(target, value):
                    row[name] = None

    def build_url_field(self, field_name, model_class):
        return serializers.HyperlinkedIdentityField, {"view_name": f"api:{model_class._meta.model_name}-detail"}

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        is_text = isinstance(model_field, (models.CharField, models.TextField)) and not model_field.choices
        if (
            is_text
            and issubclass(field_class, serializers.CharField)
            and field_class
            in (
                serializers.CharField,
                serializers.SlugField,
            )
        ):
            # The model's clean_fields checks the text (full_clean, in validate()); the
            # bound here puts it in the OpenAPI schema.
            if issubclass(model_field.__class__, models.TextField):
                kwargs.setdefault("max_length", TEXT_MAX_LENGTH)
        return field_class, kwargs

    def get_validators(self):
        # Uniqueness is the model's to check (full_clean, below), with its own messages;
        # DRF's copies of the unique constraints would also make defaulted fields required.
        return []

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(str(name) for name in data if name not in self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {name: [serializers.ErrorDetail(_("Unknown field."), code="unknown_field")] for name in unknown}
                )
        return super().to_internal_value(data)

    def keep_hidden_references(self, attrs):
        """A write keeps what its writer cannot see: a reference they read as null (or a
        list member left out) is not cleared by sending the record back."""
        if self.instance is None:
            return attrs
        visibility = self.reference_visibility()
        if visibility.sees_everything:
            return attrs
        for name, target in self.shown_references().items():
            if name not in attrs:
                continue
            field = self.Meta.model._meta.get_field(name)
            if field.many_to_many:
                stored = set(getattr(self.instance, name).values_list("pk", flat=True))
                hidden = {pk for pk in stored if not visibility.is_visible(target, pk)}
                if hidden:
                    attrs[name] = [*attrs[name], *target._default_manager.filter(pk__in=hidden)]
            else:
                stored = getattr(self.instance, field.attname)
                if attrs[name] is None and stored is not None and not visibility.is_visible(target, stored):
                    attrs[name] = target._default_manager.get(pk=stored)
        return attrs

    def validate(self, attrs):
        attrs = self.keep_hidden_references(super().validate(attrs))
        model = self.Meta.model
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        many_to_many = {}
        for name, value in attrs.items():
            try:
                if model._meta.get_field(name).many_to_many:
                    many_to_many[name] = value
                    continue
            except FieldDoesNotExist:
                continue
            setattr(candidate, name, value)
        try:
            candidate.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc
        # The model's rules for the lists full_clean cannot see (core.models).
        errors = candidate.clean_many_to_many(many_to_many) if hasattr(candidate, "clean_many_to_many") else {}
        if errors:
            raise serializers.ValidationError(serializers.as_serializer_error(DjangoValidationError(errors)))
        return attrs

    def create(self, validated_data):
        # DRF's create, with the requesting user stamped on the record for its history.
        serializers.raise_errors_on_nested_writes("create", self, validated_data)
        model = self.Meta.model
        relations = model_meta.get_field_info(model).relations
        many_to_many = {
            name: validated_data.pop(name)
            for name, relation in relations.items()
            if relation.to_many and name in validated_data
        }
        instance = model(**validated_data)
        self.stamp_history_user(instance)
        instance.save(force_insert=True)
        for name, value in many_to_many.items():
            getattr(instance, name).set(value)
        return instance

    def update(self, instance, validated_data):
        self.stamp_history_user(instance)
        return super().update(instance, validated_data)

    def stamp_history_user(self, instance):
        """django-simple-history records who changed a record from `_history_user`."""
        user = getattr(self.context.get("request"), "user", None)
        if user is not None and user.is_authenticated:
            instance._history_user = user


class TextListField(serializers.ListField):
    """A JSON list of plain strings."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", serializers.CharField(max_length=200, validators=[reject_markup]))
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class ChoiceListField(serializers.ListField):
    """A JSON list of values from a controlled vocabulary (TextChoices)."""

    def __init__(self, choices, **kwargs):
        kwargs.setdefault("child", serializers.ChoiceField(choices=choices.choices))
        kwargs.setdefault("max_length", len(choices.choices))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
