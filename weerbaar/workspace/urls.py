from django.urls import path

from weerbaar.workspace import planning_views, scenario_views, views

app_name = "workspace"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Scenarios and exercises (issue 5); each name also reverses without arguments.
    path("scenarios/", scenario_views.scenario_list, name="scenarios"),
    path("scenarios/doorrekenen/", scenario_views.scenario_run, name="scenario"),
    path("oefeningen/", scenario_views.exercise, name="exercises"),
    path("oefeningen/<int:pk>/", scenario_views.exercise, name="exercises"),
    path("oefeningen/draaiboek/", scenario_views.exercise_script, name="exercise_script"),
    path("oefeningen/<int:pk>/draaiboek/", scenario_views.exercise_script, name="exercise_script"),
    path("oefeningen/injects/", scenario_views.exercise_inject, name="exercise_inject"),
    path("oefeningen/<int:pk>/injects/<int:inject>/", scenario_views.exercise_inject,
         name="exercise_inject"),
    # Planning of noodsteunpunten (issue 6).
    path("planning/", planning_views.planning, name="planning"),
    path("planning/wat-als/", planning_views.planning_whatif, name="planning_whatif"),
    path("planning/kaart/", planning_views.planning_map, name="planning_map"),
]
