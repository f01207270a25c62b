"""The "wat te doen bij…" content files: the repository's files are valid and complete, and a
broken file gives an error that names the file and the key."""

import shutil
from pathlib import Path

import pytest
import yaml
from django.utils import translation

from weerbaar.portal import content
from weerbaar.portal.content import DISRUPTIONS_DIR, ContentError, load_disruptions

REQUIRED = {"stroomuitval", "drinkwater", "telecomuitval", "hitte", "overstroming", "cyberaanval"}


def test_repository_content_is_valid():
    found = load_disruptions()
    assert {d.slug for d in found} == REQUIRED
    assert [d.order for d in found] == sorted(d.order for d in found)
    for disruption in found:
        assert disruption.phases and disruption.actions and disruption.help, disruption.slug
        for phase in disruption.phases:
            for item in phase.items:
                assert item.sources, (disruption.slug, item.text.nl)
        for item in disruption.actions:
            assert item.sources, (disruption.slug, item.text.nl)


def test_power_outage_timeline_follows_the_vrbn_table():
    outage = content.get_disruption("stroomuitval")
    assert [p.when.nl for p in outage.phases] == [
        "Meteen, in de eerste 2 uur", "Na 2 tot 4 uur", "Na 4 tot 24 uur", "Na 24 uur"]

    def phase_of(fragment):
        hits = [i for i, p in enumerate(outage.phases) for item in p.items if fragment in item.text.nl]
        assert len(hits) == 1, fragment
        return hits[0]

    # (fragment, phase index, required source) — the VRBN table (seed §3.2) and the facts file.
    expected = [
        ("Liften stoppen", 0, "vrbn"),
        ("De cv-ketel stopt", 0, "vrbn"),
        ("meer dan 3 verdiepingen", 0, "vrbn"),
        ("Tanken lukt niet meer", 0, "vrbn"),
        ("Pinnen", 0, "openbaar"),
        ("een half uur tot 3 uur", 0, "openbaar"),
        ("brandstof voor ongeveer 12 uur", 0, "vrbn"),
        ("Ook 112 is dan misschien niet bereikbaar", 1, "telecom"),
        ("problemen met hygiëne", 3, "vrbn"),
    ]
    for fragment, phase, source in expected:
        assert phase_of(fragment) == phase, fragment
        item = next(i for p in outage.phases for i in p.items if fragment in i.text.nl)
        assert source in {s.key for s in item.sources}, fragment


def test_drinking_water_states_the_norm():
    water = content.get_disruption("drinkwater")
    texts = " ".join(i.text.nl for p in water.phases for i in p.items)
    assert "3 liter drinkwater per persoon per dag" in texts
    assert "2.500 inwoners" in texts


def test_no_invented_phone_numbers_in_content():
    import re

    for path in DISRUPTIONS_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b0\d{1,3}[- ]?\d{6,8}\b", text), path.name
        assert "http://" not in text and "https://" not in text, path.name


def test_text_follows_the_active_language():
    title = content.get_disruption("hitte").title
    with translation.override("nl"):
        assert str(title) == "Hitte"
    with translation.override("en"):
        assert str(title) == "Heat"


@pytest.fixture
def copy_dir(tmp_path):
    target = tmp_path / "disruptions"
    shutil.copytree(DISRUPTIONS_DIR, target)
    return target


def edit(path: Path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def problems_of(directory: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_disruptions(directory)
    assert "disruptions/" in str(error.value)
    return error.value.problems


def test_missing_translation_names_file_and_key(copy_dir):
    edit(copy_dir / "hitte.yaml", lambda d: d["phases"][1]["items"][0]["text"].pop("en"))
    assert problems_of(copy_dir) == ["disruptions/hitte.yaml: phases[1].items[0].text.en: ontbreekt"]


def test_unknown_source_names_file_and_key(copy_dir):
    edit(copy_dir / "stroomuitval.yaml", lambda d: d["actions"][2].update(source="wikipedia"))
    [problem] = problems_of(copy_dir)
    assert problem.startswith("disruptions/stroomuitval.yaml: actions[2].source: bron 'wikipedia' "
                              "staat niet onder 'sources'")


def test_missing_source_on_a_fact_is_an_error(copy_dir):
    edit(copy_dir / "drinkwater.yaml", lambda d: d["phases"][0]["items"][0].pop("source"))
    assert problems_of(copy_dir) == ["disruptions/drinkwater.yaml: phases[0].items[0].source: ontbreekt"]


def test_every_problem_is_reported_at_once(copy_dir):
    def break_it(data):
        data["slug"] = "iets-anders"
        data["title"]["nl"] = "  "
        data["typo"] = 1
        data["order"] = "eerste"
        data["related"] = ["kit", "winkel"]

    edit(copy_dir / "overstroming.yaml", break_it)
    problems = problems_of(copy_dir)
    assert all(p.startswith("disruptions/overstroming.yaml: ") for p in problems)
    keys = {p.split(": ")[1] for p in problems}
    assert keys == {"slug", "title.nl", "typo", "order", "related"}, problems


def test_duplicate_order_is_an_error(copy_dir):
    edit(copy_dir / "hitte.yaml", lambda d: d.update(order=1))
    [problem] = problems_of(copy_dir)
    assert "order: 1 wordt ook gebruikt in disruptions/" in problem


def test_yaml_syntax_error_names_file_and_line(copy_dir):
    (copy_dir / "cyberaanval.yaml").write_text("slug: cyberaanval\ntitle: [nl: x\n", encoding="utf-8")
    [problem] = problems_of(copy_dir)
    assert problem.startswith("disruptions/cyberaanval.yaml: geen geldige YAML (regel ")


def test_file_that_is_not_a_mapping(copy_dir):
    (copy_dir / "hitte.yaml").write_text("- een lijst\n", encoding="utf-8")
    assert problems_of(copy_dir) == [
        "disruptions/hitte.yaml: moet sleutels met waarden bevatten (een YAML-mapping), niet een lijst"]


def test_empty_directory(tmp_path):
    (tmp_path / "disruptions").mkdir()
    assert problems_of(tmp_path / "disruptions") == [
        "disruptions/: geen inhoudsbestanden (*.yaml) gevonden"]
