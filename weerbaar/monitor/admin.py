"""Admin for codebooks, survey waves (with the upload form) and the coded respondents.

Respondent rows are read-only for everyone: they only arrive, and are only replaced,
through import_survey, which checks the whole file against the codebook first.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from weerbaar.core.admin import RegisterAdmin, ScopedInlineMixin, provenance_fieldset
from weerbaar.core.imports.reading import megabytes
from weerbaar.monitor.importers import (
    CodebookAnswerResource,
    CodebookQuestionResource,
    CodebookResource,
    SurveyResponseExport,
    SurveyWaveExport,
)
from weerbaar.monitor.importing import import_survey
from weerbaar.monitor.models import (
    Codebook,
    CodebookAnswer,
    CodebookQuestion,
    SurveyResponse,
    SurveyWave,
)

MAX_SHOWN_PROBLEMS = 1000


class CodebookQuestionInline(ScopedInlineMixin, admin.TabularInline):
    model = CodebookQuestion
    extra = 0
    fields = ("column", "maps_to", "text")
    show_change_link = True


@admin.register(Codebook)
class CodebookAdmin(RegisterAdmin):
    resource_classes = [CodebookResource]
    list_display = ("name", "municipality", "question_count", "is_fictitious")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("name",)
    autocomplete_fields = ("municipality",)
    inlines = [CodebookQuestionInline]
    fieldsets = ((None, {"fields": ("municipality", "name", "notes")}), provenance_fieldset())

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_total=Count("questions"))

    @admin.display(description=gettext_lazy("vragen"), ordering="question_total")
    def question_count(self, obj):
        return obj.question_total


class CodebookAnswerInline(ScopedInlineMixin, admin.TabularInline):
    model = CodebookAnswer
    extra = 0
    fields = ("code", "label", "meaning")


@admin.register(CodebookQuestion)
class CodebookQuestionAdmin(RegisterAdmin):
    resource_classes = [CodebookQuestionResource]
    list_display = ("column", "maps_to", "codebook")
    list_filter = ("maps_to", "codebook")
    list_select_related = ("codebook",)
    search_fields = ("column", "text")
    autocomplete_fields = ("codebook",)
    inlines = [CodebookAnswerInline]
    fields = ("codebook", "column", "maps_to", "text")


@admin.register(CodebookAnswer)
class CodebookAnswerAdmin(RegisterAdmin):
    resource_classes = [CodebookAnswerResource]
    list_display = ("code", "label", "meaning", "question")
    list_filter = ("question__codebook",)
    list_select_related = ("question",)
    search_fields = ("code", "label", "meaning", "question__column")
    autocomplete_fields = ("question",)
    fields = ("question", "code", "label", "meaning")


class SurveyUploadForm(forms.Form):
    wave = forms.ModelChoiceField(SurveyWave.objects.none(), label=gettext_lazy("Meting"))
    file = forms.FileField(label=gettext_lazy("Bestand van het onderzoeksbureau"))
    replace = forms.BooleanField(
        required=False, label=gettext_lazy("Vervang de respondenten van een eerdere import"))
    dry_run = forms.BooleanField(required=False,
                                 label=gettext_lazy("Alleen controleren, niets opslaan"))

    def __init__(self, *args, waves=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = waves if waves is not None else SurveyWave.objects.all()
        self.fields["file"].help_text = _(
            "CSV (UTF-8), Excel (.xlsx) of SPSS (.sav), hoogstens %(limit)s MB. Het bestand wordt "
            "gelezen met het codeboek van de meting. Alles of niets: bij één probleem wordt niets "
            "opgeslagen en ziet u per regel (SPSS: per respondent) wat er mis is."
        ) % {"limit": megabytes(settings.IMPORT_MAX_BYTES)}


@admin.register(SurveyWave)
class SurveyWaveAdmin(RegisterAdmin):
    resource_classes = [SurveyWaveExport]
    list_display = ("name", "municipality", "fieldwork_end", "population", "respondent_count",
                    "is_fictitious")
    list_filter = ("municipality", "population")
    list_select_related = ("municipality",)
    search_fields = ("name", "agency")
    autocomplete_fields = ("municipality", "codebook")
    readonly_fields = ("file_name", "file_checksum", "imported_at", "respondent_count")
    fieldsets = (
        (None, {"fields": ("municipality", "name", "codebook", "population", "fieldwork_start",
                           "fieldwork_end", "agency")}),
        (gettext_lazy("Geïmporteerd bestand"), {"fields": ("file_name", "file_checksum",
                                                            "imported_at", "respondent_count")}),
        provenance_fieldset(),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(response_total=Count("responses"))

    @admin.display(description=gettext_lazy("respondenten"), ordering="response_total")
    def respondent_count(self, obj):
        return getattr(obj, "response_total", None) if obj.pk else 0

    def get_deleted_objects(self, objs, request):
        """A wave owns its respondents: whoever may delete the wave deletes them with it
        (nobody may delete single respondent rows)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        respondents = str(SurveyResponse._meta.verbose_name)
        perms_needed = {name for name in perms_needed if str(name) != respondents}
        return deleted, counts, perms_needed, protected

    def import_action(self, request, **kwargs):
        """The upload form: a survey file is read through its wave's codebook."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        waves = self.get_queryset(request).order_by("municipality__name", "-fieldwork_end")
        form = SurveyUploadForm(request.POST or None, request.FILES or None, waves=waves)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            report = import_survey(form.cleaned_data["wave"], upload, file_name=upload.name,
                                   replace=form.cleaned_data["replace"],
                                   dry_run=form.cleaned_data["dry_run"])
            if report.ok and not report.dry_run:
                messages.success(request, report.summary())
                return HttpResponseRedirect(reverse("admin:monitor_surveywave_change",
                                                    args=[report.wave.pk]))
        problems = [str(p) for p in report.problems[:MAX_SHOWN_PROBLEMS]] if report else []
        more = len(report.problems) - len(problems) if report else 0
        context = {
            **self.admin_site.each_context(request),
            "title": _("Enquêtebestand importeren"), "opts": self.model._meta, "form": form,
            "report": report, "problems": problems,
            "more": _("… en nog %(count)s.") % {"count": more} if more > 0 else "",
            "heading": ngettext(
                "Er is niets geïmporteerd. Verbeter dit punt en probeer het opnieuw:",
                "Er is niets geïmporteerd. Verbeter deze %(count)s punten en probeer het opnieuw:",
                len(report.problems)) % {"count": len(report.problems)} if report and problems else "",
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "monitor/admin/import_survey.html", context)


@admin.register(SurveyResponse)
class SurveyResponseAdmin(RegisterAdmin):
    resource_classes = [SurveyResponseExport]
    list_display = ("respondent_id", "wave", "community", "age_group", "sex", "household_type",
                    "weight")
    list_filter = ("wave", "age_group", "sex", "household_type")
    list_select_related = ("wave", "community")
    search_fields = ("respondent_id",)

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_import_permission(self, request):
        return False
