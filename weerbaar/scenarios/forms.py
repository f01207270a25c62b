"""Staff forms on the exercise pages: new exercise, inject, observation, lesson, lesson -> action."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from weerbaar.programme.models import ProgrammeLine
from weerbaar.scenarios.models import Exercise, ExerciseRole, Inject, Observation


class ExerciseForm(forms.Form):
    scenario = forms.ChoiceField(label=_("Scenario"))
    title = forms.CharField(label=_("Titel"), max_length=200)
    held_on = forms.DateField(label=_("Datum (JJJJ-MM-DD)"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    roles = forms.MultipleChoiceField(label=_("Deelnemende rollen"), choices=ExerciseRole.choices,
                                      widget=forms.CheckboxSelectMultiple,
                                      initial=list(ExerciseRole.values))
    runs = forms.TypedChoiceField(label=_("Doorrekeningen"), coerce=int, initial=1,
                                  choices=((1, _("1 (snel)")),
                                           (200, _("200 (met onzekerheid)"))))

    def __init__(self, *args, scenarios: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = [(name, name) for name in scenarios]


class InjectForm(forms.ModelForm):
    """One inject, added or changed by the exercise leader on the exercise pages.

    The roles offered are the exercise's participating roles (all roles when it names none):
    the draaiboek is handed to the roles that take part, so an inject for any other role would
    reach nobody. An inject that already has another role (set in the admin) keeps it as a
    choice, so changing its text does not force a new role. The hour stays within the
    scenario's horizon when the view knows it.
    """

    class Meta:
        model = Inject
        fields = ("hour", "role", "text", "expected_action", "sector")
        labels = {"hour": _("Uur na het begin"), "role": _("Rol"),
                  "text": _("Wat er gebeurt (inject)"),
                  "expected_action": _("Verwachte actie (mag leeg)"),
                  "sector": _("Sector (mag leeg)")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3}),
                   "expected_action": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "hour": {"required": _("Vul bij ‘Uur na het begin’ een uur in, bijvoorbeeld 5."),
                     "invalid": _("‘Uur na het begin’ moet een getal zijn, bijvoorbeeld 5 of 2.5.")},
            "role": {"required": _("Kies bij ‘Rol’ wie dit inject krijgt."),
                     "invalid_choice": _("Rol ‘%(value)s’ doet niet mee aan deze oefening; kies "
                                         "bij ‘Rol’ een van de deelnemende rollen.")},
            "text": {"required": _("Vul bij ‘Wat er gebeurt’ de tekst van het inject in.")},
        }

    def __init__(self, *args, exercise: Exercise, horizon: float | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.horizon = horizon
        labels = dict(ExerciseRole.choices)
        codes = [code for code in ExerciseRole.values if code in exercise.role_codes]
        codes = codes or list(ExerciseRole.values)
        if self.instance.pk and self.instance.role not in codes:
            codes.append(self.instance.role)
        hour = self.instance.hour
        if self.instance.pk and hour is not None and float(hour).is_integer():
            self.initial["hour"] = int(hour)  # 5 rather than 5.0 in the field
        self.fields["role"].choices = [("", _("— kies een rol —"))] + [
            (code, labels.get(code, code)) for code in codes]
        if horizon is not None:
            self.fields["hour"].help_text = _(
                "Uren na het begin van de verstoring: 0 tot en met %(horizon)s, het einde van "
                "het scenario. Halve uren mogen.") % {"horizon": number_format(horizon)}
        else:
            self.fields["hour"].help_text = _(
                "Uren na het begin van de verstoring: 0 of meer. Halve uren mogen.")

    def clean_hour(self) -> float:
        hour = self.cleaned_data["hour"]
        if hour < 0:
            raise ValidationError(_("‘Uur na het begin’ kan niet negatief zijn; vul 0 of meer in."),
                                  code="min_value")
        if self.horizon is not None and hour > self.horizon:
            raise ValidationError(
                _("‘Uur na het begin’ ligt na het einde van het scenario; kies een uur van 0 tot "
                  "en met %(horizon)s.") % {"horizon": number_format(self.horizon)},
                code="max_value")
        return hour


class ObservationForm(forms.ModelForm):
    class Meta:
        model = Observation
        fields = ("hour", "role", "text")
        labels = {"hour": _("Uur na het begin (mag leeg)"), "role": _("Rol (mag leeg)"),
                  "text": _("Waarneming")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class LessonForm(forms.Form):
    text = forms.CharField(label=_("Les"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=2000)


class LessonActionForm(forms.Form):
    lesson = forms.IntegerField(widget=forms.HiddenInput)
    line = forms.ModelChoiceField(ProgrammeLine.objects.none(), label=_("Programmalijn"))
    period = forms.CharField(label=_("Periode"), max_length=20, initial="2026-2027",
                             help_text=_("Zoals in het plan: '2026', '2026-2027' of 'Q1 2026'."))

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = ProgrammeLine.objects.filter(municipality=municipality)
