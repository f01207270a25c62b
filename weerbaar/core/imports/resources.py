"""The base import-export resource of every register, with natural keys."""

from __future__ import annotations

from django.core.exceptions import (
    MultipleObjectsReturned,
    ValidationError,
)
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from weerbaar.core.imports.widgets import cell_text, shown, widget_for

# --------------------------------------------------------------------------- resources


class NaturalKeyInstanceLoader(ModelInstanceLoader):
    """Find the existing record by the natural key, ignoring case in text."""

    def get_instance(self, row):
        params = {}
        for name in self.resource.get_import_id_fields():
            resource_field = self.resource.fields[name]
            value = resource_field.clean(row)
            if isinstance(value, str):
                params[f"{resource_field.attribute}__iexact"] = value
            else:
                params[resource_field.attribute] = value
        if not params:
            return None
        try:
            return self.get_queryset().get(**params)
        except self.resource._meta.model.DoesNotExist:
            return None


class RegisterResource(resources.ModelResource):
    """Base for every register's resource: strict Dutch widgets, natural keys, full_clean."""

    class Meta:
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True  # an unchanged row is reported, not saved (no empty history)
        report_skipped = True
        instance_loader_class = NaturalKeyInstanceLoader

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        resource_field = super().field_from_django_field(field_name, django_field, readonly)
        widget = widget_for(django_field)
        if widget is not None:
            resource_field.widget = widget
        return resource_field

    def id_columns(self) -> list[str]:
        return [self.fields[name].column_name for name in self.get_import_id_fields()]

    def get_instance(self, instance_loader, row):
        try:
            instance = super().get_instance(instance_loader, row)
        except ValueError:
            # A key column could not be read; import_instance reports that column's error.
            return None
        except MultipleObjectsReturned:
            raise ValidationError(
                _("Er bestaan al meerdere records met dezelfde %(columns)s; los dat eerst op in "
                  "het register.") % {"columns": ", ".join(self.id_columns())}) from None
        if instance is None and list(self.get_import_id_fields()) == ["id"]:
            wanted = cell_text(row.get(self.fields["id"].column_name))
            if wanted:
                raise ValidationError({"id": _("Er is geen record met id %(id)s. Laat id leeg "
                                               "voor een nieuw record.") % {"id": shown(wanted)}})
        return instance

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for resource_field in self.get_import_fields():
            if (isinstance(resource_field.widget, widgets.ManyToManyWidget)
                    and resource_field.column_name in row):
                try:
                    resource_field.clean(row)
                except ValueError as error:
                    errors[resource_field.attribute] = [ValidationError(str(error))]
        if errors:
            raise ValidationError(errors)


def register_resources() -> dict[str, type[RegisterResource]]:
    """Every register resource, by model label (app_label.model_name)."""
    autodiscover_modules("importers")
    found: dict[str, type[RegisterResource]] = {}

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub._meta.model is not None:
                found.setdefault(sub._meta.model._meta.label_lower, sub)
            walk(sub)

    walk(RegisterResource)
    return dict(sorted(found.items()))
