"""The privacy officer's filter form and the reason asked before a CSV export."""

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.audit.models import Action


class FilterForm(forms.Form):
    person = forms.CharField(label=_("Persoon (naam)"), required=False, max_length=150)
    object_type = forms.CharField(label=_("Soort gegeven (bijv. network.keyfigure)"),
                                  required=False, max_length=100)
    object_id = forms.CharField(label=_("Id van het gegeven"), required=False, max_length=64)
    actor = forms.CharField(label=_("Wie (account)"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Handeling"), required=False,
                               choices=[("", _("alle handelingen")), *Action.choices])
    since = forms.DateField(label=_("Vanaf (JJJJ-MM-DD)"), required=False)
    until = forms.DateField(label=_("Tot en met (JJJJ-MM-DD)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("Deze datum ligt vóór de datum ‘vanaf’."))
        return data


class ExportForm(FilterForm):
    reason = forms.CharField(label=_("Reden van de export"), max_length=300,
                             help_text=_("Verplicht: de export komt zelf in de audittrail."))
