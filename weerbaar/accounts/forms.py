"""The one-time code form: six digits, spaces allowed (apps show "123 456")."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    wrong_code_message = _("Deze code klopt niet of is verlopen. Typ de code die de app nu toont.")
    throttled_message = _("Te veel verkeerde codes achter elkaar. Wacht %(seconds)s seconden en "
                          "probeer het dan opnieuw.")

    token = forms.CharField(
        label=_("Code uit de app"), max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Vul de code van 6 cijfers in.")})

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("De code bestaat uit 6 cijfers, bijvoorbeeld 123456."))
        return token
