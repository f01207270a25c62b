"""Admin for the social fabric: organisations, help services, informal networks, key figures
and published editions.

Key figures' private contact details (KeyFigure.PERSONAL_FIELDS) are shown only to users
with the permission network.view_keyfigure_contact: for everyone else they are left out of
the form, the list, the search and filters, and the history and export are refused.
"""

import logging

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from weerbaar.core.admin import RegisterAdmin, provenance_fieldset
from weerbaar.network.importers import (
    HelpServiceResource,
    InformalNetworkResource,
    KeyFigureResource,
    OrganisationResource,
    PublicationResource,
)
from weerbaar.network.models import HelpService, InformalNetwork, KeyFigure, Organisation, Publication
from weerbaar.privacy.consent import key_figure_consents

privacy_log = logging.getLogger("weerbaar.privacy")

CONTACT_PERMISSION = "network.view_keyfigure_contact"


def may_see_contact(request) -> bool:
    return request.user.has_perm(CONTACT_PERMISSION)


@admin.register(Organisation)
class OrganisationAdmin(RegisterAdmin):
    resource_classes = [OrganisationResource]
    list_display = ("name", "kind", "municipality", "is_partner", "integral_task_documented_on",
                    "confidence")
    list_filter = ("kind", "is_partner", "municipality")
    list_select_related = ("municipality",)
    search_fields = ("name", "description")
    autocomplete_fields = ("municipality",)
    fieldsets = (
        (None, {"fields": ("municipality", "name", "kind", "description", "is_partner")}),
        (_("Algemene contactgegevens"),
         {"fields": ("website", "public_phone", "public_email", "address")}),
        (_("Integrale opgave (IV-1)"),
         {"fields": ("integral_task_documented_on", "integral_task_evidence")}),
        provenance_fieldset(),
    )


@admin.register(HelpService)
class HelpServiceAdmin(RegisterAdmin):
    resource_classes = [HelpServiceResource]
    list_display = ("name", "organisation", "community", "is_published", "confidence")
    list_filter = ("is_published", "community")
    list_select_related = ("organisation", "community")
    search_fields = ("name", "description", "for_whom", "organisation__name")
    autocomplete_fields = ("organisation", "community")
    fieldsets = (
        (None, {"fields": ("organisation", "community", "name", "description", "for_whom",
                           "is_published")}),
        (_("Waar en wanneer"), {"fields": ("location_name", "address", "latitude", "longitude",
                                           "hours", "languages")}),
        (_("Contact"), {"fields": ("phone", "email", "url")}),
        provenance_fieldset(),
    )


@admin.register(InformalNetwork)
class InformalNetworkAdmin(RegisterAdmin):
    resource_classes = [InformalNetworkResource]
    list_display = ("name", "kind", "community", "approximate_size", "mapped_on", "confidence")
    list_filter = ("kind", "community")
    list_select_related = ("community",)
    search_fields = ("name", "description", "community__name")
    autocomplete_fields = ("community", "contact_organisation")
    fieldsets = (
        (None, {"fields": ("community", "name", "kind", "approximate_size",
                           "contact_organisation", "description", "mapped_on")}),
        provenance_fieldset(),
    )


@admin.register(KeyFigure)
class KeyFigureAdmin(RegisterAdmin):
    resource_classes = [KeyFigureResource]
    list_display = ("name", "community", "role", "phone", "email", "is_active",
                    "role_confirmed_on", "confidence", "is_fictitious")
    list_filter = ("is_active", "community")
    list_select_related = ("community", "consent_withdrawal")
    search_fields = ("name", "role", "community__name", "phone", "email")
    autocomplete_fields = ("community",)
    fieldsets = (
        (None, {"fields": ("community", "name", "role", "is_active")}),
        (_("Bereikbaarheid"), {"fields": ("reach_without_phone", "public_channel")}),
        (_("Privécontactgegevens"), {
            "fields": KeyFigure.PERSONAL_FIELDS,
            "description": _("Alleen zichtbaar voor wie dit nodig heeft; elke inzage wordt "
                             "vastgelegd.")}),
        (_("Verwerking van persoonsgegevens"),
         {"fields": ("purpose", "consent_on", "role_confirmed_on", "ended_on")}),
        provenance_fieldset(),
    )

    @staticmethod
    def _public(names):
        return [name for name in names if name not in KeyFigure.PERSONAL_FIELDS]

    def get_list_display(self, request):
        names = super().get_list_display(request)
        if not may_see_contact(request):
            return self._public(names)
        # Without valid consent (privacy.consent) no private contact is shown, to anyone.
        return [{"phone": "consented_phone", "email": "consented_email"}.get(n, n) for n in names]

    @admin.display(description=KeyFigure._meta.get_field("phone").verbose_name)
    def consented_phone(self, obj):
        return obj.phone if key_figure_consents(obj) else _("— geen geldige toestemming")

    @admin.display(description=KeyFigure._meta.get_field("email").verbose_name)
    def consented_email(self, obj):
        return obj.email if key_figure_consents(obj) else _("— geen geldige toestemming")

    @staticmethod
    def _contact_shown(request, obj=None) -> bool:
        return may_see_contact(request) and (obj is None or key_figure_consents(obj))

    def audit_detail(self, request, obj=None) -> str:
        return "met privécontact" if self._contact_shown(request, obj) else "zonder privécontact"

    def get_search_fields(self, request):
        names = super().get_search_fields(request)
        return names if may_see_contact(request) else self._public(names)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self._contact_shown(request, obj):
            return fieldsets
        public = []
        for title, options in fieldsets:
            fields = self._public(options.get("fields", ()))
            if fields:
                public.append((title, {**options, "fields": fields}))
        return public

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not self._contact_shown(request, obj):
            kwargs["exclude"] = [*(kwargs.get("exclude") or ()), *KeyFigure.PERSONAL_FIELDS]
        return super().get_form(request, obj, change, **kwargs)

    def lookup_allowed(self, lookup, value, request=None):
        # No filtering by a hidden field either: ?phone__startswith=06 would reveal it.
        if request is not None and not may_see_contact(request):
            if lookup.split("__")[0] in KeyFigure.PERSONAL_FIELDS:
                return False
        return super().lookup_allowed(lookup, value, request)

    def has_export_permission(self, request):
        return may_see_contact(request) and super().has_export_permission(request)

    def get_export_data(self, file_format, request, queryset, **kwargs):
        privacy_log.info("key figures: contact details exported by user %s (%s records)",
                         request.user.pk, queryset.count())
        return super().get_export_data(file_format, request, queryset, **kwargs)

    def has_import_permission(self, request):
        # The import page lists, previews and reports on the private columns too.
        return may_see_contact(request) and super().has_import_permission(request)

    def history_view(self, request, object_id, extra_context=None):
        if not may_see_contact(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not may_see_contact(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if may_see_contact(request) and getattr(response, "status_code", None) == 200:
            privacy_log.info("key figure %s: contact details shown to user %s (change page)",
                             object_id, request.user.pk)
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if may_see_contact(request) and getattr(response, "status_code", None) == 200:
            privacy_log.info("key figures: contact details listed for user %s", request.user.pk)
        return response


@admin.register(Publication)
class PublicationAdmin(RegisterAdmin):
    resource_classes = [PublicationResource]
    list_display = ("community", "kind", "published_on", "title", "confidence")
    list_filter = ("kind", "community")
    list_select_related = ("community",)
    search_fields = ("title", "community__name")
    autocomplete_fields = ("community",)
    date_hierarchy = "published_on"
    fieldsets = (
        (None, {"fields": ("community", "kind", "published_on", "title", "url")}),
        provenance_fieldset(),
    )
