"""Row-level scoping in the admin: lists, change pages, history, export and inlines, plus
the plan status shown in the vital registers."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from weerbaar.accounts.roles import Role
from weerbaar.supportpoints.models import SupportPoint
from weerbaar.vital.importers import VitalAssetResource
from weerbaar.vital.models import ContinuityPlan, Dependency, VitalAsset, VitalProvider


@pytest.fixture
def assets(municipality, organisations):
    own_provider = VitalProvider.objects.create(organisation=organisations[0], source="test")
    other_provider = VitalProvider.objects.create(organisation=organisations[1], source="test")
    own = VitalAsset.objects.create(municipality=municipality, provider=own_provider,
                                    name="Eigen pompstation", source="test")
    other = VitalAsset.objects.create(municipality=municipality, provider=other_provider,
                                      name="Andermans gemaal", source="test")
    today = timezone.localdate()
    ContinuityPlan.objects.create(asset=own, owner=organisations[0], title="Eigen plan",
                                  last_reviewed_on=today - timedelta(days=30), source="test")
    ContinuityPlan.objects.create(asset=other, owner=organisations[1], title="Ander plan",
                                  last_reviewed_on=today - relativedelta(months=18),
                                  source="test")
    Dependency.objects.create(asset=own, service="electricity", note="eigen stroom", source="test")
    Dependency.objects.create(asset=other, service="electricity", note="andermans stroom",
                              source="test")
    return own, other


def admin_url(model: str, action: str, *args) -> str:
    return reverse(f"admin:vital_{model}_{action}", args=args)


@pytest.fixture
def partner(client, role_users):
    client.force_login(role_users[Role.PARTNER])
    return client


def test_partner_lists_only_own_organisations_assets_and_plans(partner, assets):
    page = partner.get(admin_url("vitalasset", "changelist")).content.decode()
    assert "Eigen pompstation" in page and "Andermans gemaal" not in page
    page = partner.get(admin_url("continuityplan", "changelist")).content.decode()
    assert "Eigen plan" in page and "Ander plan" not in page


def test_partner_cannot_open_or_change_another_organisations_asset(partner, assets):
    own, other = assets
    response = partner.get(admin_url("vitalasset", "change", other.pk))
    assert response.status_code in (302, 403, 404)
    assert "Andermans gemaal" not in response.content.decode()
    response = partner.post(admin_url("vitalasset", "change", other.pk),
                            {"name": "Overgenomen", "municipality": own.municipality_id})
    assert response.status_code in (302, 403, 404)
    other.refresh_from_db()
    assert other.name == "Andermans gemaal"
    plan = other.continuity_plan
    response = partner.get(admin_url("continuityplan", "change", plan.pk))
    assert response.status_code in (302, 403, 404)
    assert "Ander plan" not in response.content.decode()


def test_partner_sees_history_of_own_records_only_and_cannot_revert(partner, assets):
    own, other = assets
    assert partner.get(admin_url("vitalasset", "history", own.pk)).status_code == 200
    response = partner.get(admin_url("vitalasset", "history", other.pk), follow=True)
    assert "Andermans gemaal" not in response.content.decode()
    version = other.history.first().history_id
    assert partner.get(admin_url("vitalasset", "simple_history", other.pk, version)).status_code == 404
    own_version = own.history.first().history_id
    response = partner.post(admin_url("vitalasset", "simple_history", own.pk, own_version),
                            {"name": "Teruggezet"})
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.name == "Eigen pompstation"


def test_view_only_role_cannot_revert_through_history(client, role_users, assets):
    own, _other = assets
    client.force_login(role_users[Role.CRISIS])
    version = own.history.first().history_id
    url = admin_url("vitalasset", "simple_history", own.pk, version)
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "Teruggezet"}).status_code == 403


def test_partner_export_holds_only_own_records(partner, assets):
    fields = {f"vitalassetresource_{name}": "on" for name in VitalAssetResource().get_export_order()}
    response = partner.post(admin_url("vitalasset", "export"), {"format": "0", **fields})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Eigen pompstation" in text and "Andermans gemaal" not in text


def test_partner_edits_own_asset_but_not_its_organisation(partner, assets):
    own, _other = assets
    page = partner.get(admin_url("vitalasset", "change", own.pk)).content.decode()
    assert 'name="name"' in page
    assert 'name="provider"' not in page  # the anchor is read-only for a scoped user
    assert "eigen stroom" in page and "andermans stroom" not in page


def test_lists_show_plan_status(client, role_users, assets, municipality):
    VitalAsset.objects.create(municipality=municipality, name="Gemaal zonder plan", source="test")
    client.force_login(role_users[Role.PROGRAMME])
    cl = client.get(admin_url("vitalasset", "changelist")).context["cl"]
    statuses = {asset.name: cl.model_admin.plan_status(asset) for asset in cl.result_list}
    assert statuses == {"Eigen pompstation": "Actueel", "Andermans gemaal": "Verlopen",
                        "Gemaal zonder plan": "Ontbreekt"}
    page = client.get(admin_url("continuityplan", "changelist")).content.decode()
    assert "Actueel" in page and "Verlopen" in page

    for value, names in (("missing", ["Gemaal zonder plan"]), ("current", ["Eigen pompstation"]),
                         ("overdue", ["Andermans gemaal"])):
        cl = client.get(admin_url("vitalasset", "changelist"), {"plan": value}).context["cl"]
        assert [asset.name for asset in cl.result_list] == names, value
    cl = client.get(admin_url("continuityplan", "changelist"), {"plan": "overdue"}).context["cl"]
    assert [plan.title for plan in cl.result_list] == ["Ander plan"]


def test_plan_past_its_own_review_date_is_overdue(client, role_users, assets):
    own, _other = assets
    own.continuity_plan.next_review_on = date.today() - timedelta(days=1)
    own.continuity_plan.save()
    client.force_login(role_users[Role.PROGRAMME])
    cl = client.get(admin_url("vitalasset", "changelist"), {"plan": "overdue"}).context["cl"]
    assert sorted(asset.name for asset in cl.result_list) == ["Andermans gemaal", "Eigen pompstation"]


def test_key_figure_sees_status_history_of_own_support_point(client, role_users, communities):
    own = SupportPoint.objects.create(community=communities[0], name="Dorpshuis", source="test")
    other = SupportPoint.objects.create(community=communities[1], name="Kerk", source="test")
    client.force_login(role_users[Role.KEY_FIGURE])
    own_snapshot, other_snapshot = own.snapshots.get(), other.snapshots.get()
    url = "admin:supportpoints_statussnapshot_history"
    assert client.get(reverse(url, args=[own_snapshot.pk])).status_code == 200
    assert client.get(reverse(url, args=[other_snapshot.pk])).status_code == 302
    page = client.get(reverse("admin:supportpoints_supportpoint_change", args=[own.pk]))
    assert page.status_code == 200
    assert 'name="snapshots-0-status"' not in page.content.decode()  # read-only inline


def test_account_management_is_for_superusers(client, role_users):
    staff = role_users[Role.PROGRAMME]
    client.force_login(staff)
    assert client.get(reverse("admin:accounts_staffprofile_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_change", args=[staff.pk])).status_code == 403

    boss = get_user_model().objects.create_superuser("beheerder", password="x" * 16)
    client.force_login(boss)
    page = client.get(reverse("admin:auth_user_change", args=[staff.pk])).content.decode()
    assert 'name="profile-0-role"' in page
    assert client.get(reverse("admin:accounts_staffprofile_changelist")).status_code == 200


def test_partner_sees_dependencies_of_the_locations_it_operates(partner, organisations,
                                                               communities):
    from weerbaar.vital.models import VulnerableLocation

    own = VulnerableLocation.objects.create(community=communities[0], operator=organisations[0],
                                            name="Eigen zorghuis", kind="nursing", source="t")
    other = VulnerableLocation.objects.create(community=communities[0],
                                              operator=organisations[1],
                                              name="Ander zorghuis", kind="nursing", source="t")
    Dependency.objects.create(vulnerable_location=own, service="drinking_water",
                              note="eigen-locatie-water", source="t")
    Dependency.objects.create(vulnerable_location=other, service="drinking_water",
                              note="andere-locatie-water", source="t")
    page = partner.get(reverse("admin:vital_dependency_changelist")).content.decode()
    assert "Eigen zorghuis" in page
    assert "Ander zorghuis" not in page
