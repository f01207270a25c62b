"""English alongside Dutch: the English catalog is complete, compiled and actually used.

Dutch is the source language (the msgids); weerbaar/locale/en holds the English catalog.
After adding or changing UI text, refresh and compile it (GNU gettext needed, from weerbaar/):

    ../.venv/bin/python ../manage.py makemessages -l en --ignore "tests/*" --ignore "*/tests/*" --no-obsolete
    # translate every new or changed entry (empty msgstr, or marked "#, fuzzy"), then:
    ../.venv/bin/python ../manage.py compilemessages -l en

Commit both django.po and django.mo: CI machines have no gettext tools, so these tests read
the files with plain Python.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.utils import translation

import weerbaar

LC_MESSAGES = Path(weerbaar.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (a list), flags.

    Obsolete entries (#~) are skipped. Strings are unescaped the way msgfmt does; the po
    escapes are a subset of Python's string escapes.
    """
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is not None and "msgid" in entry:  # a comment opens the next entry
                finish()
                entry = None
            entry = entry or {"flags": set(), "msgstr": {}}
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, value = match.groups()
            if keyword in ("msgctxt", "msgid") and entry is not None and "msgid" in entry:
                finish()
                entry = None
            entry = entry or {"flags": set(), "msgstr": {}}
            text = ast.literal_eval(value)
            if keyword.startswith("msgstr"):
                field = ("msgstr", int(index or 0))
                entry["msgstr"][field[1]] = text
            else:
                field = (keyword, None)
                entry[keyword] = text
        elif line.startswith('"') and field is not None:
            text = ast.literal_eval(line)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += text
            else:
                entry[field[0]] += text
        else:
            raise AssertionError(f"{path.name}: cannot parse line {raw!r}")
    finish()
    for item in entries:
        item["msgstr"] = [item["msgstr"][i] for i in sorted(item["msgstr"])]
    return entries


def po_catalog(entries: list[dict]) -> dict:
    """The same mapping Python's GNUTranslations builds from the compiled .mo."""
    catalog = {}
    for item in entries:
        if item["msgid"] == "" or "fuzzy" in item["flags"]:
            continue
        key = item["msgid"]
        if "msgctxt" in item:
            key = f"{item['msgctxt']}\x04{key}"
        if "msgid_plural" in item:
            for index, text in enumerate(item["msgstr"]):
                catalog[(key, index)] = text
        else:
            catalog[key] = item["msgstr"][0]
    return catalog


@pytest.fixture(scope="module")
def entries():
    return parse_po(PO_FILE)


def test_catalog_has_entries(entries):
    # a broken parser or an empty catalog must not make the other checks pass vacuously
    assert len([e for e in entries if e["msgid"]]) > 100


def test_every_entry_is_translated_and_not_fuzzy(entries):
    fuzzy = [e["msgid"] or "(header)" for e in entries if "fuzzy" in e["flags"]]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    empty = [e["msgid"] for e in entries
             if e["msgid"] and (not e["msgstr"] or not all(s.strip() for s in e["msgstr"]))]
    assert not empty, f"untranslated entries: {empty}"
    plural = [e["msgid"] for e in entries if "msgid_plural" in e and len(e["msgstr"]) != 2]
    assert not plural, f"English needs exactly two plural forms: {plural}"


def test_translations_keep_their_placeholders(entries):
    """Same named placeholders as the Dutch. A plural's singular form may leave out the
    number ("Correct this issue"), as its Dutch singular may; other forms must keep them all."""
    wrong = []
    for e in entries:
        if not e["msgid"]:
            continue
        singular = set(_PLACEHOLDER.findall(e["msgid"]))
        plural = set(_PLACEHOLDER.findall(e.get("msgid_plural", e["msgid"])))
        for index, text in enumerate(e["msgstr"]):
            found = set(_PLACEHOLDER.findall(text))
            if "msgid_plural" in e and index == 0:
                ok = singular <= found <= singular | plural
            else:
                ok = found == plural
            if not ok:
                wrong.append((e["msgid"], text))
            if "python-format" in e["flags"] and text.replace("%%", "").count("%") != len(
                    _PLACEHOLDER.findall(text)):
                wrong.append((e["msgid"], text))  # a lone % would break "... % params"
    assert not wrong, f"placeholders differ: {wrong}"


def test_compiled_catalog_matches_the_po(entries):
    """A .po edited without running compilemessages leaves a stale .mo: fail on that."""
    with MO_FILE.open("rb") as handle:
        compiled = dict(gettext.GNUTranslations(handle)._catalog)
    compiled.pop("", None)  # the header
    expected = po_catalog(entries)
    assert set(compiled) == set(expected), (
        "django.mo is out of date; run compilemessages. "
        f"Only in .po: {sorted(map(str, set(expected) - set(compiled)))[:10]}; "
        f"only in .mo: {sorted(map(str, set(compiled) - set(expected)))[:10]}")
    changed = sorted(str(key) for key in expected if compiled[key] != expected[key])
    assert not changed, f"django.mo is out of date; run compilemessages. Changed: {changed[:10]}"


def test_real_strings_translate_to_english():
    from weerbaar.network.models import KeyFigure
    from weerbaar.programme.indicators import STATUS_LABELS, Status

    with translation.override("en"):
        assert str(KeyFigure._meta.verbose_name) == "key figure"
        assert str(KeyFigure._meta.verbose_name_plural) == "key figures"
        assert translation.gettext("Zijn we op koers?") == "Are we on course?"
        assert str(STATUS_LABELS[Status.ON_TRACK]) == "On track"
        assert translation.ngettext(
            "%(n)d proces zonder continuïteitsplan", "%(n)d processen zonder continuïteitsplan", 2,
        ) % {"n": 2} == "2 processes without a continuity plan"
    with translation.override("nl"):
        assert str(KeyFigure._meta.verbose_name) == "sleutelfiguur"
        assert translation.gettext("Zijn we op koers?") == "Zijn we op koers?"


@pytest.fixture
def dutch_default(settings):
    settings.LANGUAGE_CODE = "nl"  # independent of a LANGUAGE_CODE set in the environment


def test_language_follows_the_url_prefix_not_the_browser(client, db, dutch_default):
    """English lives under /en/; the browser's preference never switches a Dutch URL, so
    links, printouts and the static export say the same thing for everyone."""
    english = client.get("/en/login/")
    assert english.status_code == 200
    body = english.content.decode()
    assert '<html lang="en"' in body
    assert "Staff login" in body and "Log in" in body and "Password" in body
    assert "Inloggen" not in body and "Wachtwoord" not in body

    dutch = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert dutch.status_code == 200
    body = dutch.content.decode()
    assert '<html lang="nl"' in body
    assert "Inloggen voor medewerkers" in body and "Wachtwoord" in body
    assert "Staff login" not in body


def test_dashboard_in_english(client, role_users, dutch_default):
    from weerbaar.accounts.roles import Role

    client.force_login(role_users[Role.PROGRAMME])
    response = client.get("/en/werkruimte/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en"' in body
    assert "Are we on course?" in body and "Log out" in body
    assert "Zijn we op koers?" not in body
