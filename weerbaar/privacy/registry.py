"""Which models hold personal data, and why: the one declaration (AVG art. 30).

The register of processing activities (verwerkingsregister) page, change auditing, the
retention run, subject access and erasure all read this module. A test fails when a model
has a personal-looking field (phone, e-mail, address, contact, a person's name) and is
neither declared here nor exempted in ``NOT_PERSONAL`` with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps

CONSENT = "AVG art. 6 lid 1 sub a — toestemming van de betrokkene"
PUBLIC_TASK = ("AVG art. 6 lid 1 sub e — taak van algemeen belang (Wet veiligheidsregio's, "
               "crisisbeheersing en continuïteit)")
LEGAL_DUTY = ("AVG art. 6 lid 1 sub c — wettelijke plicht (art. 5 lid 2 en art. 32: verantwoording "
              "en beveiliging)")
STAFF = "AVG art. 6 lid 1 sub e — taak van algemeen belang (medewerkers die het programma uitvoeren)"


@dataclass(frozen=True)
class Processing:
    """One processing activity: a model with personal data."""

    label: str
    personal_fields: tuple[str, ...]
    purpose: str
    legal_basis: str
    retention: str
    subjects: str
    recipients: str
    name_field: str = ""  # the field that names the person (subject access, erasure)
    audit_changes: bool = True  # post_save/post_delete write audit events
    safe_context: str = ""  # a non-personal attribute path for the audit description

    @property
    def model(self):
        return apps.get_model(self.label)

    def fields(self):
        """(name, label, help text) of each personal field, from the model's metadata."""
        meta = self.model._meta
        return [(name, str(meta.get_field(name).verbose_name), str(meta.get_field(name).help_text))
                for name in self.personal_fields]


REGISTRY: dict[str, Processing] = {p.label: p for p in (
    Processing(
        label="network.keyfigure",
        personal_fields=("name", "phone", "email", "address", "reach_without_phone",
                         "public_channel"),
        purpose=("Sleutelfiguren bereiken bij een verstoring, zodat zij inwoners en hulpdiensten "
                 "met elkaar verbinden (subdoel II-2). Het doel per persoon staat in het veld "
                 "‘doel van de verwerking’."),
        legal_basis=CONSENT,
        retention=("Tot KEYFIGURE_RETENTION_DAYS dagen (standaard 365) na het einde van de rol; "
                   "bij ingetrokken toestemming bij de eerstvolgende run van apply-retention. "
                   "Ook de wijzigingsgeschiedenis wordt dan gewist."),
        subjects="Sleutelfiguren (inwoners met een verbindende rol in hun kern)",
        recipients=("Programmabureau en crisisorganisatie (privécontact, crisiseditie); de "
                    "sleutelfiguren van dezelfde kern (alleen naam en openbaar kanaal)."),
        name_field="name",
        safe_context="community.name",
    ),
    Processing(
        label="supportpoints.keyholder",
        personal_fields=("name", "phone", "reach_without_phone"),
        purpose="Het noodsteunpunt openen bij een verstoring.",
        legal_basis=CONSENT,
        retention=("Zolang de persoon sleutelhouder is; bij ingetrokken toestemming bij de "
                   "eerstvolgende run van apply-retention, of eerder op verzoek (wissen)."),
        subjects="Sleutelhouders van noodsteunpunten",
        recipients="Programmabureau en crisisorganisatie (crisiseditie).",
        name_field="name",
        safe_context="support_point.name",
    ),
    Processing(
        label="vital.vitalprovider",
        personal_fields=("emergency_contact",),
        purpose="De vitale aanbieder bereiken bij een verstoring (functie en nummer).",
        legal_basis=PUBLIC_TASK,
        retention="Zolang de aanbieder in het register staat; de aanbieder houdt het actueel.",
        subjects="Medewerkers van vitale aanbieders (functiegebonden contact)",
        recipients="Programmabureau, crisisorganisatie en de aanbieder zelf.",
        safe_context="organisation.name",
    ),
    Processing(
        label="vital.vulnerablelocation",
        personal_fields=("contact", "acknowledged_by"),
        purpose=("De locatie bereiken bij een verstoring; vastleggen wie het record namens de "
                 "organisatie erkende (III-2). Bewoners staan er alleen als aantallen in."),
        legal_basis=PUBLIC_TASK,
        retention="Zolang de locatie in het register staat.",
        subjects="Contactpersonen van zorg- en verblijflocaties",
        recipients="Programmabureau, crisisorganisatie en de eigen organisatie.",
        safe_context="community.name",
    ),
    Processing(
        label="vital.vitalasset",
        personal_fields=("acknowledged_by",),
        purpose="Vastleggen wie het record namens de aanbieder erkende (III-2).",
        legal_basis=PUBLIC_TASK,
        retention="Zolang de voorziening in het register staat.",
        subjects="Medewerkers van vitale aanbieders",
        recipients="Programmabureau, crisisorganisatie en de aanbieder zelf.",
    ),
    Processing(
        label="auth.user",
        personal_fields=("username", "first_name", "last_name", "email"),
        purpose="Inloggen en verantwoorden wie wat deed (medewerkersaccounts).",
        legal_basis=STAFF,
        retention="Zolang de medewerker toegang nodig heeft; de beheerder verwijdert het account.",
        subjects="Medewerkers van gemeente, partners en crisisorganisatie",
        recipients="Beheerders; de accountnaam staat in de audittrail.",
        name_field="username",
    ),
    Processing(
        label="monitor.surveyresponse",
        personal_fields=("respondent_id",),
        purpose=("Indicatoren uit de enquête berekenen (gepseudonimiseerd: alleen het "
                 "respondentnummer van het bureau, geen namen of adressen)."),
        legal_basis=PUBLIC_TASK,
        retention="Zolang de meting nodig is voor de monitor (einde programma).",
        subjects="Respondenten van de enquête",
        recipients="Programmabureau en crisisorganisatie (alleen geaggregeerd in rapportages).",
        audit_changes=False,  # arrive and leave with a whole wave's import, which is recorded
    ),
    Processing(
        label="audit.auditevent",
        personal_fields=("actor_username",),
        purpose="Verantwoorden wie persoonsgegevens inzag, exporteerde, afdrukte of wijzigde.",
        legal_basis=LEGAL_DUTY,
        retention=("Niet wisbaar (alleen toevoegen, met hashketen); bevat geen persoonsgegevens "
                   "van betrokkenen, alleen accountnamen van medewerkers."),
        subjects="Medewerkers (accountnaam)",
        recipients="Functionaris gegevensbescherming.",
        audit_changes=False,
    ),
)}

# Models with personal-looking fields that hold no personal data, and why.
NOT_PERSONAL: dict[str, str] = {
    "network.organisation": "Algemene contactgegevens van organisaties (geen persoon).",
    "network.helpservice": "Openbaar hulpaanbod van organisaties (algemene nummers en adressen).",
    "supportpoints.supportpoint": "Adres van een gebouw.",
    "programme.programmeplan": "Vastgesteld door een orgaan (gemeenteraad, college).",
    "programme.actionline": "Eigenaar is een functie of team.",
    "programme.programmerole": "Bezetting van een rol door functies (burgemeester, team).",
    "vital.vitalprocess": "Eigenaar is een team of rol.",
    "vital.continuitymeasure": "Verantwoordelijke is een functie.",
    "programme.glossaryendorsement": "Onderschreven door een organisatie.",
    "programme.glossaryversion": "Vastgesteld door een orgaan (college, gemeenteraad).",
    "planning.candidatesite": "Adres van een gebouw (kandidaat-noodsteunpunt).",
}


def processing_for(model_or_label) -> Processing | None:
    label = model_or_label if isinstance(model_or_label, str) else model_or_label._meta.label_lower
    return REGISTRY.get(label)


def safe_repr(obj) -> str:
    """'sleutelfiguur #12 (Heesch)': type, id and a non-personal context, never a name."""
    base = f"{obj._meta.verbose_name} #{obj.pk}"
    entry = processing_for(obj)
    if entry is None or not entry.safe_context:
        return base
    value = obj
    for part in entry.safe_context.split("."):
        value = getattr(value, part, None)
        if value is None:
            return base
    return f"{base} ({value})"
