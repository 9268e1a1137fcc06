"""A rep's writes while an admin imports the largest question file allowed, against a bench database.

    python bench/imports.py      # prints {"import_s", "writes", "errors", "p50_ms", "p95_ms", "max_ms"} as JSON

A child process imports MAX_QUESTIONS questions (five answers each) into a new bank, as a web or q2 worker
would; meanwhile this process records a rep's page view and reads the bank's questions every 20 ms, as a
rep's requests would. Bounded: the import is one file; the loop ends when it does.
"""

import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import OperationalError, connection  # noqa: E402

from assessments.import_bounds import MAX_QUESTIONS  # noqa: E402
from assessments.models import Question, QuestionBank  # noqa: E402
from assessments.services import questions_import  # noqa: E402
from certify.models import Role, User  # noqa: E402
from content.models import ContentPage  # noqa: E402
from content.services import page_view_record  # noqa: E402


def largest_file() -> bytes:
    stem = "A customer says the price is too high after the demo. What do you ask next to understand why? " * 2
    answers = " ".join(["=Ask what they compare it with"] + [f"~Offer discount {n}" for n in range(4)])
    return "\n\n".join(f"::Q{n}:: {stem}({n}) {{{answers}}}" for n in range(MAX_QUESTIONS)).encode()


def main():
    rep = User.objects.filter(groups__name=Role.REP.label).first()
    page = ContentPage.objects.live().first()
    bank, _ = QuestionBank.objects.get_or_create(name=f"Bench import {time.time_ns()}")
    data, outcome = largest_file(), multiprocessing.get_context("fork").Queue()

    def import_file():
        started = time.monotonic()
        error = None
        try:
            questions_import(actor=None, bank=bank, file_name="largest.gift", data=data, file_format="gift")
        except Exception as failure:  # reported below
            error = f"{type(failure).__name__}: {failure}"
        outcome.put({"seconds": time.monotonic() - started, "error": error})
        connection.close()

    connection.close()  # the child opens its own
    importer = multiprocessing.get_context("fork").Process(target=import_file)
    importer.start()
    waits, errors = [], 0
    while importer.is_alive():
        started = time.monotonic()
        try:
            page_view_record(user=rep, page=page)
            Question.objects.filter(bank=bank, active=True).count()
        except OperationalError:
            errors += 1
        waits.append((time.monotonic() - started) * 1000)
        time.sleep(0.02)
    importer.join()
    outcome = outcome.get(timeout=10)
    waits.sort()
    print(json.dumps({
        "questions": MAX_QUESTIONS,
        "import_s": round(outcome["seconds"], 2),
        "import_error": outcome["error"],
        "writes": len(waits),
        "errors": errors,
        "p50_ms": round(waits[len(waits) // 2], 1) if waits else None,
        "p95_ms": round(waits[int(len(waits) * 0.95)], 1) if waits else None,
        "max_ms": round(waits[-1], 1) if waits else None,
    }))


if __name__ == "__main__":
    main()
