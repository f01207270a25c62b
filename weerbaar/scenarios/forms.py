"""Staff forms on the exercise pages: new exercise, observation, lesson, lesson -> action."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.programme.models import ProgrammeLine
from weerbaar.scenarios.models import ExerciseRole, Observation


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
