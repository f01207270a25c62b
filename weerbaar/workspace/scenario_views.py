"""Scenario and exercise pages for staff (issue 5); routes and roles in accounts.roles.

Every route name also reverses without arguments (the role matrix opens each as-is): the
scenario page then runs the power-outage scenario, the exercise route lists exercises, and
the draaiboek route shows the most recent exercise, the inject route points to the exercises.
``?gemeente=GMxxxx`` picks the municipality. Forms post back to the exercise page (or an
inject's own page) with an ``action`` field.
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.decorators import roles_required
from weerbaar.accounts.models import role_of
from weerbaar.accounts.roles import Access, access_for
from weerbaar.places.models import Municipality
from weerbaar.programme.models import ActionLine
from weerbaar.reports import editions, pdf
from weerbaar.scenarios.forms import (
    ExerciseForm,
    InjectForm,
    LessonActionForm,
    LessonForm,
    ObservationForm,
)
from weerbaar.scenarios.models import Exercise, Inject, Lesson
from weerbaar.workspace.views import _chosen_municipality

DEFAULT_SCENARIO = "stroomuitval-72u"
RUN_CHOICES = (1, 200)


def _engine():
    """The cascade engine and what builds on it, imported when a page needs them, so the
    URL configuration (loaded for every request) does not depend on numpy-heavy modules."""
    from weerbaar.engines import cascade
    from weerbaar.scenarios import exercises, services
    from weerbaar.workspace import scenario_tables

    return cascade, exercises, services, scenario_tables


def _scenario_names() -> list[str]:
    return list(_engine()[0].builtin_names())


def _summary(name: str) -> dict:
    cascade = _engine()[0]
    try:
        scenario = cascade.load_builtin(name)
    except cascade.ScenarioError as error:
        return {"name": name, "title": name, "description": "", "problems": error.problems}
    return {"name": name, "title": getattr(scenario, "title", "") or name,
            "description": getattr(scenario, "description", ""), "problems": []}


@roles_required("workspace:scenarios")
def scenario_list(request):
    municipalities = list(Municipality.objects.order_by("name"))
    municipality = _chosen_municipality(request, municipalities)
    return render(request, "scenarios/list.html", {
        "scenarios": [_summary(name) for name in _scenario_names()],
        "municipality": municipality, "municipalities": municipalities,
        "run_choices": RUN_CHOICES})


@roles_required("workspace:scenario")
def scenario_run(request, name: str | None = None):
    names = _scenario_names()
    name = name or request.GET.get("scenario") or (
        DEFAULT_SCENARIO if DEFAULT_SCENARIO in names else (names[0] if names else ""))
    if name not in names:
        raise Http404
    try:
        runs = int(request.GET.get("runs", "1"))
    except ValueError:
        runs = 0
    if runs not in RUN_CHOICES:
        return render(request, "scenarios/run.html", {
            "error": _("Kies 1 of 200 doorrekeningen; ‘%(runs)s’ kan niet.") % {
                "runs": request.GET.get("runs", "")}, "name": name, "run_choices": RUN_CHOICES},
            status=400)
    municipalities = list(Municipality.objects.order_by("name"))
    municipality = _chosen_municipality(request, municipalities)
    cascade, _exercises, services, tables = _engine()
    started = time.perf_counter()
    try:
        run = services.run_scenario(name, municipality, runs=runs, seed=0)
    except cascade.ScenarioError as error:
        return render(request, "scenarios/run.html", {
            "error": _("Dit scenario kan niet worden doorgerekend:"), "problems": error.problems,
            "name": name, "run_choices": RUN_CHOICES}, status=500)
    rows, never = tables.timeline(run)
    context = {
        "name": name, "summary": _summary(name), "run": run, "runs": runs,
        "run_choices": RUN_CHOICES, "municipality": municipality,
        "municipalities": municipalities, "phases": [tables.PHASE_LABELS[p] for p in tables.PHASES],
        "timeline": rows, "never": never, "support_points": tables.support_points(run),
        "households": tables.households(run), "vulnerable": tables.vulnerable_sites(run),
        "key_figures": tables.key_figures(run),
        "seconds": f"{time.perf_counter() - started:.2f}".replace(".", ","),
    }
    return render(request, "scenarios/run.html", context)


def may_make_actions(user) -> bool:
    """Turning a lesson into a programme action adds an action line: whoever may add those."""
    return user.is_superuser or access_for(role_of(user), ActionLine._meta.label_lower) == Access.EDIT


def may_edit_exercises(user) -> bool:
    return user.is_superuser or access_for(role_of(user), Exercise._meta.label_lower) == Access.EDIT


def _inject_form(item: Exercise, data=None, instance: Inject | None = None) -> InjectForm:
    return InjectForm(data, prefix="inj", instance=instance, exercise=item,
                      horizon=_engine()[1].scenario_horizon(item.scenario))


@roles_required("workspace:exercises")
def exercise(request, pk: int | None = None):
    if pk is None:
        return _exercise_list(request)
    exercises = _engine()[1]
    item = get_object_or_404(Exercise.objects.select_related("municipality"), pk=pk)
    observation_form, lesson_form, action_form = (
        ObservationForm(prefix="obs"), LessonForm(prefix="les"),
        LessonActionForm(prefix="act", municipality=item.municipality))
    may_edit = may_edit_exercises(request.user)
    inject_form = _inject_form(item) if may_edit else None
    status = 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "inject_add":
            inject_form = _inject_form(item, request.POST)
            if inject_form.is_valid():
                inject = inject_form.save(commit=False)
                inject.exercise, inject.is_fictitious = item, item.is_fictitious
                inject.source = str(exercises.OWN_INJECT_SOURCE)
                inject.save()
                messages.success(request, _("Het inject voor uur %(hour)s is toegevoegd.") % {
                    "hour": floatformat(inject.hour, "-1")})
                return HttpResponseRedirect(request.path + f"#inject-{inject.pk}")
        elif action == "observation":
            observation_form = ObservationForm(request.POST, prefix="obs")
            if observation_form.is_valid():
                observation = observation_form.save(commit=False)
                observation.exercise, observation.author = item, request.user
                observation.is_fictitious = item.is_fictitious
                observation.source = _("Vastgelegd tijdens de oefening")
                observation.save()
                messages.success(request, _("De waarneming is opgeslagen."))
                return HttpResponseRedirect(request.path + "#waarnemingen")
        elif action == "lesson":
            lesson_form = LessonForm(request.POST, prefix="les")
            if lesson_form.is_valid():
                Lesson.objects.create(exercise=item, text=lesson_form.cleaned_data["text"],
                                      author=request.user, is_fictitious=item.is_fictitious,
                                      source=_("Vastgelegd na de oefening"))
                messages.success(request, _("De les is opgeslagen."))
                return HttpResponseRedirect(request.path + "#lessen")
        elif action == "lesson_action":
            if not may_make_actions(request.user):
                raise PermissionDenied
            action_form = LessonActionForm(request.POST, prefix="act",
                                           municipality=item.municipality)
            if action_form.is_valid():
                lesson = item.lessons.filter(pk=action_form.cleaned_data["lesson"]).first()
                if lesson is None:
                    action_form.add_error(None, _("Deze les hoort niet bij deze oefening."))
                else:
                    made = exercises.lesson_to_action(lesson, action_form.cleaned_data["line"],
                                                      action_form.cleaned_data["period"])
                    messages.success(request, _("Programma-actie gemaakt: %(action)s") % {
                        "action": made})
                    return HttpResponseRedirect(request.path + "#lessen")
        else:
            messages.error(request, _("Onbekende handeling."))
        status = 400
    context = {
        "exercise": item, "by_role": exercises.script_by_role(item),
        "observations": item.observations.select_related("author"),
        "lessons": item.lessons.select_related("action", "author"),
        "observation_form": observation_form, "lesson_form": lesson_form,
        "action_form": action_form, "inject_form": inject_form, "may_edit": may_edit,
        "may_make_actions": may_make_actions(request.user),
        "has_lines": action_form.fields["line"].queryset.exists(),
    }
    return render(request, "scenarios/exercise.html", context, status=status)


@roles_required("workspace:exercise_inject")
def exercise_inject(request, pk: int | None = None, inject: int | None = None):
    """Change one inject (GET shows the form) or delete it (``?verwijderen`` asks first, the
    POST deletes); a page of its own so the exercise page stays one list, and it works without
    JavaScript. Without arguments it points to the exercises. The history middleware records
    who changed or deleted the inject, also after the exercise was held."""
    if pk is None or inject is None:
        return render(request, "scenarios/inject.html", {"exercise": None})
    if not may_edit_exercises(request.user):
        raise PermissionDenied
    exercises = _engine()[1]
    item = get_object_or_404(Exercise.objects.select_related("municipality"), pk=pk)
    record = get_object_or_404(Inject, pk=inject, exercise=item)
    back = reverse("workspace:exercises", args=[item.pk])
    form = _inject_form(item, instance=record)
    confirm = "verwijderen" in request.GET
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "inject_edit":
            form = _inject_form(item, request.POST, instance=record)
            if form.is_valid():
                form.save()
                messages.success(request, _("Het inject is gewijzigd."))
                return HttpResponseRedirect(back + f"#inject-{record.pk}")
        elif action == "inject_delete":
            record.delete()
            messages.success(request, _("Het inject is verwijderd."))
            return HttpResponseRedirect(back + "#injects")
        else:
            messages.error(request, _("Onbekende handeling."))
        confirm, status = False, 400
    last = record.history.select_related("history_user").first()
    return render(request, "scenarios/inject.html", {
        "exercise": item, "inject": record, "form": form, "confirm": confirm,
        "is_own": exercises.is_own_inject(record, item),
        "held": item.status in (Exercise.Status.HELD, Exercise.Status.EVALUATED),
        "last_change": last if last is not None and last.history_user_id else None},
        status=status)


def _exercise_list(request):
    cascade, exercises = _engine()[:2]
    municipalities = list(Municipality.objects.order_by("name"))
    municipality = _chosen_municipality(request, municipalities)
    names = _scenario_names()
    form = ExerciseForm(prefix="new", scenarios=names)
    status = 200
    if request.method == "POST":
        if not may_edit_exercises(request.user):
            raise PermissionDenied
        form = ExerciseForm(request.POST, prefix="new", scenarios=names)
        if municipality is None:
            form.add_error(None, _("Er is nog geen gemeente in de registers."))
        elif form.is_valid():
            data = form.cleaned_data
            if Exercise.objects.filter(municipality=municipality, title=data["title"]).exists():
                form.add_error("title", _("Er is al een oefening met deze titel."))
            else:
                try:
                    made = exercises.create_exercise(
                        municipality, data["scenario"], data["title"], held_on=data["held_on"],
                        roles=data["roles"], runs=data["runs"])
                except cascade.ScenarioError as error:
                    form.add_error("scenario", "; ".join(error.problems))
                else:
                    messages.success(request, _("Oefening gemaakt met %(n)s injects.") % {
                        "n": made.injects.count()})
                    return HttpResponseRedirect(reverse("workspace:exercises", args=[made.pk]))
        status = 400
    items = Exercise.objects.select_related("municipality")
    if municipality is not None:
        items = items.filter(municipality=municipality)
    return render(request, "scenarios/exercises.html", {
        "exercises": items, "form": form, "municipality": municipality,
        "municipalities": municipalities, "may_edit": may_edit_exercises(request.user)},
        status=status)


@roles_required("workspace:exercise_script")
def exercise_script(request, pk: int | None = None):
    """The printable draaiboek: timed injects per role; ``?formaat=pdf`` for the PDF,
    ``?formaat=afdruk`` for the print HTML."""
    exercises = _engine()[1]
    if pk is None:
        item = Exercise.objects.select_related("municipality").first()
        if item is None:
            return render(request, "scenarios/script.html", {"exercise": None})
    else:
        item = get_object_or_404(Exercise.objects.select_related("municipality"), pk=pk)
    now = timezone.localtime()
    stamp = editions.Stamp(as_of=now.date(), generated_at=now,
                           generated_by=request.user.get_username(), version=f"{now:%Y%m%d-%H%M}")
    title = _("Draaiboek %(title)s") % {"title": item.title}
    context = {"exercise": item, "by_role": exercises.script_by_role(item), "stamp": stamp,
               "title": title}
    if request.GET.get("formaat") == "pdf":
        context["page_css"] = pdf.page_css(stamp, title, confidential=False)
        html = render_to_string("scenarios/script_print.html", context)
        response = HttpResponse(pdf.render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="draaiboek-{item.pk}.pdf"'
        return response
    if request.GET.get("formaat") == "afdruk":
        context["page_css"] = pdf.page_css(stamp, title, confidential=False)
        return render(request, "scenarios/script_print.html", context)
    return render(request, "scenarios/script.html", context)
