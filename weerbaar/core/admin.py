"""The base admin for every register: Dutch, searchable, importable, with change history
and row-level scoping by role."""

from pathlib import Path

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from weerbaar.accounts.scoping import is_scoped, scope_anchors, scope_queryset
from weerbaar.core.imports.reading import megabytes
from weerbaar.core.imports.service import import_file, required_columns
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
        for anchor in scope_anchors(request.user, self.model):
            if anchor != "id" and anchor not in readonly:
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


FORMAT_NAMES = {base_formats.CSV: "csv", base_formats.XLSX: "xlsx"}
SESSION_KEY = "weerbaar_import_files"


class StrictImportMixin:
    """The admin import runs through import_file(): same checks, same file line numbers,
    nothing written unless every row is good, and no stack trace ever shown."""

    formats = [base_formats.CSV, base_formats.XLSX]
    to_encoding = "utf-8-sig"

    def _import_url(self):
        app_label, model_name = self.get_model_info()
        return reverse(f"admin:{app_label}_{model_name}_import", current_app=self.admin_site.name)

    def _render_import(self, request, form, **extra):
        res_kwargs = self.get_import_resource_kwargs(request, form=form)
        fields_list = []
        for resource_class in self.get_import_resource_classes(request):
            resource = resource_class(**res_kwargs)
            required, _optional = required_columns(resource)
            names = [f.column_name + (" *" if f.column_name in required else "")
                     for f in resource.get_user_visible_fields()]
            fields_list.append((resource.get_display_name(), names))
        context = self.get_import_context_data()
        context.update(self.admin_site.each_context(request))
        context.update({
            "title": _("Importeren"), "form": form, "opts": self.model._meta,
            "media": self.media + form.media, "fields_list": fields_list,
            "import_error_display": self.import_error_display,
        })
        context.update(extra)
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def create_import_form(self, request):
        form = super().create_import_form(request)
        form.fields["import_file"].help_text = _(
            "CSV (UTF-8) of Excel (.xlsx), hoogstens %(limit)s MB, met de kolomnamen in de "
            "eerste regel; * = verplichte kolom. De import is alles-of-niets: bij één foute regel "
            "wordt niets opgeslagen en ziet u per regel wat er mis is."
        ) % {"limit": megabytes(settings.IMPORT_MAX_BYTES)}
        return form

    def import_action(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_import_form(request)
        if request.method != "POST" or not form.is_valid():
            return self._render_import(request, form)
        upload = form.cleaned_data["import_file"]
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]
        resource_class = self.choose_import_resource_class(form, request)
        res_kwargs = self.get_import_resource_kwargs(request, form=form)
        report = import_file(resource_class, upload, FORMAT_NAMES.get(input_format, "csv"),
                             dry_run=True, resource_kwargs=res_kwargs, user=request.user,
                             file_name=upload.name)
        if not report.ok:
            count = len(report.problems)
            heading = ngettext("Er is niets geïmporteerd. Verbeter dit punt in het bestand en "
                               "probeer het opnieuw:",
                               "Er is niets geïmporteerd. Verbeter deze %(count)s punten in het "
                               "bestand en probeer het opnieuw:", count) % {"count": count}
            shown = [str(p) for p in report.problems[:1000]]
            if len(report.problems) > len(shown):
                shown.append(_("… en nog %(count)s.") % {"count": len(report.problems) - len(shown)})
            form.add_error("import_file", ValidationError([heading, *shown]))
            return self._render_import(request, form, import_report=report)
        upload.seek(0)
        storage = self.get_tmp_storage_class()(encoding=None, read_mode="rb",
                                               **self.get_tmp_storage_class_kwargs())
        storage.save(upload.read())
        upload.tmp_storage_name = storage.name
        pending = request.session.get(SESSION_KEY, [])[-19:]
        request.session[SESSION_KEY] = [*pending, Path(storage.name).name]
        confirm_form = self.create_confirm_form(request, import_form=form)
        return self._render_import(request, form, result=report.result, confirm_form=confirm_form,
                                   import_report=report)

    def process_import(self, request, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_import_permission(request):
            raise PermissionDenied
        retry = HttpResponseRedirect(self._import_url())
        confirm_form = self.create_confirm_form(request)
        name = confirm_form.cleaned_data["import_file_name"] if confirm_form.is_valid() else None
        pending = request.session.get(SESSION_KEY, [])
        if name is None or name not in pending:
            messages.error(request, _("Dit importbestand is onbekend of verlopen; upload het "
                                      "bestand opnieuw."))
            return retry
        request.session[SESSION_KEY] = [n for n in pending if n != name]
        storage = self.get_tmp_storage_class()(name=name, encoding=None, read_mode="rb",
                                               **self.get_tmp_storage_class_kwargs())
        try:
            input_format = self.get_import_formats()[int(confirm_form.cleaned_data["format"])]
            resource_class = self.get_import_resource_classes(request)[
                self.get_resource_index(confirm_form)]
            data = storage.read()
        except (ValueError, IndexError, OSError):
            data = None
        if not data:
            messages.error(request, _("Het importbestand is niet meer beschikbaar; upload het "
                                      "bestand opnieuw."))
            return retry
        report = import_file(resource_class, data, FORMAT_NAMES.get(input_format, "csv"),
                             resource_kwargs=self.get_import_resource_kwargs(request, form=confirm_form),
                             user=request.user, file_name=confirm_form.cleaned_data["original_file_name"])
        try:
            storage.remove()
        except OSError:
            pass
        if not report.ok:
            messages.error(request, report.summary())
            for problem in report.problems[:50]:
                messages.error(request, str(problem))
            return retry
        return self.process_result(report.result, request)


class ScopedHistoryMixin:
    """Change history follows the same scoping as the records (simple-history alone would
    show, and even revert, the history of records outside the user's organisation)."""

    def _has_simple_history(self) -> bool:
        return hasattr(self.model._meta, "simple_history_manager_attribute")

    def history_view(self, request, object_id, extra_context=None):
        if not self._has_simple_history():
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is None and (is_scoped(request.user, self.model)
                            or not self.has_view_or_change_permission(request)):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self._has_simple_history():
            raise Http404
        scoped = is_scoped(request.user, self.model)
        obj = self.get_object(request, unquote(object_id))
        if obj is None and (scoped or not self.has_view_or_change_permission(request)):
            raise Http404
        if request.method == "POST" and (scoped or not self.has_change_permission(request, obj)):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ScopedInlineMixin(ScopedAdminMixin):
    """Inline rows follow accounts.roles exactly like the admin pages do."""


class ReadOnlyInlineMixin(ScopedInlineMixin):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RegisterAdmin(StrictImportMixin, ScopedHistoryMixin, ScopedAdminMixin, ImportExportModelAdmin,
                    SimpleHistoryAdmin):
    """Base for register admins: list, search, filters, all-or-nothing CSV/XLSX import, export,
    and change history, all scoped by role."""

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

    # Audit trail (privacy.registry models): every view, list, history and export of personal
    # data is recorded; audit_detail() lets an admin say what was shown.
    def audit_detail(self, request, obj=None) -> str:
        return ""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", None) == 200:
            from django.forms.models import _get_foreign_key

            from weerbaar.privacy.access import audit_object, is_personal

            obj = self.get_object(request, unquote(object_id))
            audit_object(request, obj, detail=self.audit_detail(request, obj))
            for inline in self.get_inline_instances(request, obj):
                if obj is None or not is_personal(inline.model):
                    continue
                fk = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
                for row in inline.model._default_manager.filter(**{fk.name: obj}):
                    audit_object(request, row, detail=f"in {self.opts.verbose_name} #{obj.pk}")
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = getattr(response, "context_data", {}) or {}
        if request.method == "GET" and getattr(response, "status_code", None) == 200 and "cl" in cl:
            from weerbaar.privacy.access import audit_many

            audit_many(request, self.model, "list", len(cl["cl"].result_list),
                       self.audit_detail(request))
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if getattr(response, "status_code", None) == 200:
            from weerbaar.privacy.access import audit_object

            audit_object(request, self.get_object(request, unquote(object_id)),
                         detail="wijzigingsgeschiedenis")
        return response

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        from weerbaar.privacy.access import audit_many

        audit_many(request, self.model, "export", queryset.count(), self.audit_detail(request))
        return data


def provenance_fieldset(collapsed: bool = True):
    return (
        "Herkomst",
        {"fields": PROVENANCE_FIELDS, "classes": ("collapse",) if collapsed else ()},
    )
