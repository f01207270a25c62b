"""Roles and what each may do with each register: the one place access is declared.

Deny by default: a model missing from ACCESS is reachable by superusers only, and a
test fails when a registered admin model or a route has no declaration here.
"""

from enum import IntEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAMME = "programme", _("Programmabureau")
    CRISIS = "crisis", _("Crisisorganisatie en hulpdiensten")
    PARTNER = "partner", _("Partnerorganisatie")
    KEY_FIGURE = "keyfigure", _("Sleutelfiguur")


class Access(IntEnum):
    NONE = 0
    VIEW_OWN = 1  # view records of the user's own organisation or community
    VIEW = 2
    EDIT_OWN = 3  # view and change the own organisation's or community's records
    EDIT = 4  # view, add, change, delete all records


P, C, PA, K = Role.PROGRAMME, Role.CRISIS, Role.PARTNER, Role.KEY_FIGURE
N, VO, V, EO, E = Access.NONE, Access.VIEW_OWN, Access.VIEW, Access.EDIT_OWN, Access.EDIT


def _row(programme, crisis, partner, key_figure):
    return {P: programme, C: crisis, PA: partner, K: key_figure}


# model label -> role -> access. Public visitors have no account and no admin access.
ACCESS: dict[str, dict[str, Access]] = {
    "places.municipality": _row(E, V, V, V),
    "places.community": _row(E, V, V, V),
    "places.neighbourhood": _row(E, V, V, V),
    "places.populationstatistic": _row(E, V, V, V),
    "network.organisation": _row(E, V, EO, V),
    "network.helpservice": _row(E, V, EO, V),
    "network.informalnetwork": _row(E, V, N, EO),
    "network.keyfigure": _row(E, V, N, VO),
    "network.publication": _row(E, V, N, VO),
    "supportpoints.supportpoint": _row(E, V, N, VO),
    "supportpoints.statussnapshot": _row(E, V, N, VO),
    "supportpoints.keyholder": _row(E, V, N, N),
    "vital.vitalprocess": _row(E, V, V, N),
    "vital.vitalprovider": _row(E, V, EO, N),
    "vital.vitalasset": _row(E, V, EO, N),
    "vital.dependency": _row(E, V, EO, N),
    "vital.vulnerablelocation": _row(E, V, EO, N),
    "vital.continuityplan": _row(E, V, EO, N),
    "vital.continuitymeasure": _row(E, V, EO, N),
    "programme.programmeline": _row(E, V, V, V),
    "programme.subgoal": _row(E, V, V, V),
    "programme.glossaryversion": _row(E, V, V, V),
    "programme.glossaryterm": _row(E, V, V, V),
    "programme.glossaryendorsement": _row(E, V, VO, N),
    "programme.rolecard": _row(E, V, EO, N),
    # Survey monitoring (seed §3.7): the programme office keeps codebooks and waves; how a
    # wave was measured is open to every role. Respondent rows (coded, pseudonymous) only
    # arrive through the checked survey import, so nobody edits them by hand, and partners
    # and key figures never see them.
    "monitor.codebook": _row(E, V, V, V),
    "monitor.codebookquestion": _row(E, V, V, V),
    "monitor.codebookanswer": _row(E, V, V, V),
    "monitor.surveywave": _row(E, V, V, V),
    "monitor.surveyresponse": _row(V, V, N, N),
    # Programme structure (seed §3.3–§4.6): the programme office keeps it, others read it;
    # the budget is for the programme office only (the reports follow this row), report texts
    # are internal to the municipality and the crisis organisation.
    "programme.programmeplan": _row(E, V, V, V),
    "programme.actionline": _row(E, V, V, V),
    "programme.linkedproject": _row(E, V, V, V),
    "programme.programmerole": _row(E, V, V, V),
    "programme.evaluationmoment": _row(E, V, V, V),
    "programme.budgetline": _row(E, N, N, N),
    "programme.reportsection": _row(E, V, N, N),
    # Planning of noodsteunpunten (issue 6): the programme office keeps candidate buildings and
    # its own planning norms; the crisis organisation reads them.
    "planning.candidatesite": _row(E, V, N, N),
    "planning.planningnorm": _row(E, V, N, N),
    # The audit trail (issue 7): append-only, so nobody adds, changes or deletes; no role
    # views it either. The privacy officer views it through a permission (PERMISSION_ROUTES).
    "audit.auditevent": _row(N, N, N, N),
    # Exercises (issue 5): run by the programme office with the crisis organisation, who both
    # write injects, observations and lessons. Partners and key figures take part on paper
    # (the printed draaiboek) but do not see the registers' picture of the whole municipality.
    "scenarios.exercise": _row(E, E, N, N),
    "scenarios.inject": _row(E, E, N, N),
    "scenarios.observation": _row(E, E, N, N),
    "scenarios.lesson": _row(E, E, N, N),
}

# How a scoped record leads to the organisation (partner) or community (key figure); a tuple
# means "any of these paths". Each path's first segment is an anchor field that a scoped user
# may never change.
SCOPE_PATHS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "network.organisation": {PA: "id"},
    "network.helpservice": {PA: "organisation"},
    "network.informalnetwork": {K: "community"},
    "network.keyfigure": {K: "community"},
    "network.publication": {K: "community"},
    "supportpoints.supportpoint": {K: "community"},
    "supportpoints.statussnapshot": {K: "support_point__community"},
    "vital.vitalprovider": {PA: "organisation"},
    "vital.vitalasset": {PA: "provider__organisation"},
    "vital.dependency": {PA: ("asset__provider__organisation", "vulnerable_location__operator")},
    "vital.vulnerablelocation": {PA: "operator"},
    "vital.continuityplan": {PA: "owner"},
    "vital.continuitymeasure": {PA: "plan__owner"},
    "programme.glossaryendorsement": {PA: "organisation"},
    "programme.rolecard": {PA: "organisation"},
}

# Extra permissions: seeing the private contact details of people.
CONTACT_PERMISSIONS = {
    P: ["network.view_keyfigure_contact"],
    C: ["network.view_keyfigure_contact"],
    PA: [],
    K: [],
}

# Staff pages outside the admin: route name -> roles that may open them.
VIEW_ACCESS: dict[str, set[str]] = {
    "workspace:dashboard": {P, C, PA, K},
    # Printed editions: the restricted crisis editions hold personal data (key figures' and
    # key holders' direct contacts, residents of vulnerable locations).
    "reports:index": {P, C},
    "reports:crisis": {P, C},
    # Progress and final report (seed §3.7): internal documents for the programme office and
    # the crisis organisation; the budget part only for roles that may view programme.budgetline.
    "reports:programme_report": {P, C},
    "reports:programme_report_pdf": {P, C},
    # Scenarios and exercises (issue 5): the run shows vulnerable locations with residents and
    # backup hours for the whole municipality, more than a partner may see of other
    # organisations (vital.vulnerablelocation is EDIT_OWN for partners), so partners and key
    # figures get the printed draaiboek from the programme office instead.
    "workspace:scenarios": {P, C},
    "workspace:scenario": {P, C},
    "workspace:exercises": {P, C},
    "workspace:exercise_script": {P, C},
    # Changing or deleting one inject: the same roles; the view also needs EDIT on
    # scenarios.exercise (may_edit_exercises), like every POST on the exercise page.
    "workspace:exercise_inject": {P, C},
    # Planning noodsteunpunten (issue 6): coverage and recommendations; the programme office
    # changes statuses (POST, checked against planning.candidatesite), the crisis organisation reads.
    "workspace:planning": {P, C},
    "workspace:planning_whatif": {P, C},
    "workspace:planning_map": {P, C},
}

# Staff pages opened by a permission instead of a role: route name -> permission. The privacy
# officer (functionaris gegevensbescherming) is whoever the beheerder gives
# audit.view_auditevent (group "Functionaris gegevensbescherming"), whatever their role.
PERMISSION_ROUTES: dict[str, str] = {
    "audit:events": "audit.view_auditevent",
    "audit:export": "audit.view_auditevent",
    "privacy:register": "audit.view_auditevent",
}

# Admin models no role reaches: account management stays with superusers (beheerders).
SUPERUSER_ONLY: set[str] = {"auth.user", "auth.group", "accounts.staffprofile",
                             # Login security: authenticator devices and the lockout records.
                             "otp_totp.totpdevice", "axes.accessattempt", "axes.accesslog",
                             "axes.accessfailurelog"}

# Routes anyone may open (no personal or restricted data behind them): the login page and
# every route of the public portal (its namespace), which holds published fields only.
PUBLIC_ROUTES: set[str] = {"login", "logout", "health", "health_ready",
                            # Login steps: OIDC start/callback and the second factor (the last
                            # two need a password login first; they hold no register data).
                            "oidc_authentication_init", "oidc_authentication_callback",
                            "two_factor_verify", "two_factor_setup", "admin_login"}
PUBLIC_NAMESPACES: set[str] = {"portal"}


def is_public_route(name: str) -> bool:
    return name in PUBLIC_ROUTES or name.split(":")[0] in PUBLIC_NAMESPACES


def access_for(role: str | None, model_label: str) -> Access:
    if not role:
        return Access.NONE
    return ACCESS.get(model_label, {}).get(role, Access.NONE)
