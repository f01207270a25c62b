"""How much does the all-or-nothing import cost against a plain, careful implementation?

Imports N organisations from one CSV file into a fresh SQLite database, twice in the same run:

* weerbaar — `import_file()`: header checks, file line numbers, natural keys, a dry run that
  collects every problem, then the real import in one transaction, with change history;
* baseline — a plain implementation a developer might write: csv.DictReader, `full_clean()` on
  every row, `bulk_create` in one transaction (no dry run, no history, no line numbers).

Prints both times and the ratio. Run: `.venv/bin/python benchmarks/import_throughput.py [N]`.
"""

import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path


def setup(tmp: str) -> None:
    os.environ["WEERBAAR_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_csv(n: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["municipality", "name", "kind", "address", "is_partner", "source",
                     "confidence"])
    kinds = ["care", "welfare", "association", "volunteer", "business"]
    for i in range(n):
        writer.writerow(["GM9999", f"Organisatie {i:05d}", kinds[i % len(kinds)],
                         f"Dorpsstraat {i}", "ja" if i % 3 == 0 else "nee",
                         "benchmark", "V"])
    return out.getvalue().encode("utf-8")


def run_weerbaar(data: bytes) -> float:
    from weerbaar.core.imports.service import import_file
    from weerbaar.network.importers import OrganisationResource

    start = time.perf_counter()
    report = import_file(OrganisationResource, data, "csv")
    elapsed = time.perf_counter() - start
    assert report.ok, report.problems[:3]
    return elapsed


def run_baseline(data: bytes, municipality) -> float:
    from django.db import transaction

    from weerbaar.network.models import Organisation

    start = time.perf_counter()
    rows = csv.DictReader(io.StringIO(data.decode("utf-8")))
    objects = []
    for row in rows:
        obj = Organisation(municipality=municipality, name=row["name"], kind=row["kind"],
                           address=row["address"], is_partner=row["is_partner"] == "ja",
                           source=row["source"], confidence=row["confidence"])
        obj.full_clean()
        objects.append(obj)
    with transaction.atomic():
        Organisation.objects.bulk_create(objects)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        setup(tmp)
        from weerbaar.network.models import Organisation
        from weerbaar.places.models import Municipality

        ours = Municipality.objects.create(cbs_code="GM9999", name="Benchmarkgemeente")
        data = make_csv(n)
        t_ours = run_weerbaar(data)
        assert Organisation.objects.count() == n
        Organisation.objects.all().delete()
        Organisation.history.all().delete()
        t_base = run_baseline(data, ours)
        assert Organisation.objects.count() == n
    print(f"rows: {n}")
    print(f"{'implementation':<36}{'seconds':>10}{'rows/s':>10}")
    print(f"{'weerbaar import_file (all-or-nothing)':<36}{t_ours:>10.2f}{n / t_ours:>10.0f}")
    print(f"{'baseline full_clean + bulk_create':<36}{t_base:>10.2f}{n / t_base:>10.0f}")
    print(f"ratio weerbaar / baseline: {t_ours / t_base:.1f}")


if __name__ == "__main__":
    main()
