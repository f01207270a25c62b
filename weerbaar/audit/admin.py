"""The audit trail in the admin: read-only, for the privacy officer (audit.view_auditevent).

No role has access (accounts.roles ACCESS row is all NONE); nobody adds, changes or deletes.
An export from here is itself audited.
"""

from django.contrib import admin
from import_export import resources
from import_export.admin import ImportExportModelAdmin

from weerbaar.audit.models import Action, AuditEvent
from weerbaar.audit.services import record


class AuditEventResource(resources.ModelResource):
    class Meta:
        model = AuditEvent
        fields = ("sequence", "timestamp", "actor_username", "actor_id", "role", "action",
                  "object_type", "object_id", "object_repr", "reason", "path", "prev_hash", "hash")


@admin.register(AuditEvent)
class AuditEventAdmin(ImportExportModelAdmin):
    resource_classes = [AuditEventResource]
    list_display = ("sequence", "timestamp", "actor_username", "role", "action", "object_repr",
                    "reason")
    list_filter = ("action", "role", "object_type")
    search_fields = ("actor_username", "object_type", "object_id", "reason")
    date_hierarchy = "timestamp"
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_import_permission(self, request):
        return False

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        record(Action.EXPORT, request=request, object_type="audit.auditevent",
               object_repr=f"audittrail ({queryset.count()} gebeurtenissen, beheer)")
        return data
