"""The base admin for every register: Dutch, searchable, importable, with change history
and row-level scoping by role."""

from django.http import HttpRequest
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from weerbaar.accounts.scoping import is_scoped, scope_anchor, scope_queryset
from weerbaar.core.models import Provenance

PROVENANCE_FIELDS = ("source", "source_url", "confidence", "is_fictitious")


class ScopedAdminMixin:
    """Querysets, foreign-key choices and object access follow accounts.roles."""

    def get_queryset(self, request: HttpRequest):
        return scope_queryset(request.user, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scope_queryset(request.user, field.queryset)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scope_queryset(request.user, field.queryset)
        return field

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        anchor = scope_anchor(request.user, self.model)
        if anchor and anchor != "id" and anchor not in readonly:
            readonly.append(anchor)
        return readonly

    def has_add_permission(self, request, *args):
        if is_scoped(request.user, self.model):
            return False
        return super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        if is_scoped(request.user, self.model):
            return False
        return super().has_delete_permission(request, obj)


class RegisterAdmin(ScopedAdminMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    """Base for register admins: list, search, filters, CSV/XLSX import and export, history."""

    list_per_page = 50
    save_on_top = True

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if issubclass(self.model, Provenance):
            for name in ("confidence", "is_fictitious"):
                if name not in filters:
                    filters.append(name)
        return filters

    def has_import_permission(self, request):
        # Imports replace many records at once: only roles that may add everything.
        return (not is_scoped(request.user, self.model)
                and super().has_import_permission(request))


def provenance_fieldset(collapsed: bool = True):
    return (
        "Herkomst",
        {"fields": PROVENANCE_FIELDS, "classes": ("collapse",) if collapsed else ()},
    )
