"""The data of the editions: the public booklet never holds private fields; the crisis
edition holds what the crisis organisation needs; versions follow the content."""

import dataclasses
import json

import pytest

from weerbaar.network.models import KeyFigure
from weerbaar.reports import editions, pdf
from weerbaar.reports.tests.conftest import SECRET_KEY_HOLDER, SECRET_PROTOCOL, private_values


def as_text(edition) -> str:
    return json.dumps(dataclasses.asdict(edition), default=str, ensure_ascii=False)


def test_public_fields_are_pinned():
    """Widening what the public booklet reads must be a deliberate change of this test."""
    assert editions.PUBLIC_FIELDS["network.keyfigure"] == ("public_channel",)
    assert "activation_protocol" not in editions.PUBLIC_FIELDS["supportpoints.supportpoint"]
    assert "supportpoints.keyholder" not in editions.PUBLIC_FIELDS
    assert "vital.vulnerablelocation" not in editions.PUBLIC_FIELDS


def test_booklet_data_has_no_private_fields(demo):
    for community in demo.communities.all():
        text = as_text(editions.public_booklet(community))
        leaked = [value for value in private_values(demo) if value in text]
        assert leaked == [], community.slug
    # A key figure reaches the booklet as its channel alone; nothing restricted has a field.
    assert {f.name for f in dataclasses.fields(editions.PublicChannel)} == {"channel", "flags"}
    names = {f.name for cls in (editions.Booklet, editions.PublicSupportPoint,
                                editions.PublicNetwork, editions.PublicHelpService)
             for f in dataclasses.fields(cls)}
    assert not names & {"key_holders", "activation_protocol", "reach_without_phone",
                        "residents", "key_figures", "emergency_contact"}


def test_booklet_shows_public_channel_and_flags(demo):
    heesch = demo.communities.get(slug="heesch")
    booklet = editions.public_booklet(heesch)
    channels = [c.channel for c in booklet.channels]
    public = list(KeyFigure.objects.filter(community=heesch, is_active=True)
                  .exclude(public_channel="").values_list("public_channel", flat=True))
    assert channels and set(channels) == set(public)
    assert all(c.flags.fictitious for c in booklet.channels)
    assert [p.name for p in booklet.support_points] == sorted(p.name for p in booklet.support_points)
    # Unknown facilities stay unknown (None), never "no".
    assert all(f.value is None for p in booklet.support_points for f in p.facilities)
    assert all(p.approximate_location for p in booklet.support_points)


def test_booklet_html_and_pdf_text_have_no_personal_data(demo):
    for community in demo.communities.all():
        html, booklet = pdf.booklet_html(community)
        text = pdf.document_text(pdf.render_document(html))
        for value in private_values(demo):
            assert value not in html, (community.slug, value)
            assert value not in text, (community.slug, value)
        assert "Stand per" in text and booklet.stamp.version in text
        assert "VERTROUWELIJK" not in text


def test_crisis_edition_holds_what_the_crisis_organisation_needs(demo):
    heesch = demo.communities.get(slug="heesch")
    edition = editions.crisis_edition(demo, heesch)
    text = as_text(edition)
    assert SECRET_KEY_HOLDER["name"] in text and SECRET_KEY_HOLDER["phone"] in text
    assert SECRET_PROTOCOL in text
    person = KeyFigure.objects.filter(community=heesch).exclude(phone="").first()
    assert person.name in text and person.phone in text and person.email in text
    assert [s.community_slug for s in edition.sections] == ["heesch"]
    assert {p.organisation for p in edition.providers} >= {"Brabant Water", "Enexis"}

    whole = editions.crisis_edition(demo)
    assert whole.is_whole_municipality
    assert len(whole.sections) == demo.communities.count()
    hd = next(s for s in whole.sections if s.community_slug == "heeswijk-dinther")
    laverhof = next(v for v in hd.vulnerable_locations if v.name.startswith("Laverhof"))
    assert laverhof.residents == 90
    assert laverhof.backup_autonomy_hours is None  # unknown stays unknown


def test_crisis_pdf_shows_stamp_and_confidential_on_every_page(demo):
    html, edition = pdf.crisis_html(demo, None, "Test Crisis (Crisisorganisatie)")
    document = pdf.render_document(html)
    assert len(document.pages) > 1
    for page in document.pages:
        margin_text = pdf.document_text(type("D", (), {"pages": [page]})())
        assert "VERTROUWELIJK — bevat persoonsgegevens" in margin_text
        assert edition.stamp.version in margin_text
        assert "Test Crisis (Crisisorganisatie)" in margin_text
        assert "Stand per" in margin_text


def test_version_follows_content_not_time(demo):
    heesch = demo.communities.get(slug="heesch")
    first = editions.content_hash(editions.public_booklet(heesch))
    assert first == editions.content_hash(editions.public_booklet(heesch))
    point = heesch.support_points.first()
    point.capacity_per_day = 150
    point.save()
    assert editions.content_hash(editions.public_booklet(heesch)) != first
    stamped = editions.stamped(editions.public_booklet(heesch), "Gemeente Bernheze")
    assert stamped.stamp.version.endswith(editions.content_hash(editions.public_booklet(heesch)))
    assert stamped.stamp.generated_by == "Gemeente Bernheze"


@pytest.mark.parametrize("slug", ["vinkel"])
def test_community_without_location_still_prints(demo, slug):
    """Vinkel has no centre, no postcodes and no support point: the booklet says so."""
    community = demo.communities.get(slug=slug)
    printed = pdf.booklet_pdf(community)
    assert printed.pdf.startswith(b"%PDF")
    assert "Nog geen noodsteunpunt bekend." in printed.html
