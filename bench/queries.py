"""Count the database queries of each measured page, in-process, against the same database and settings.

    python bench/queries.py DATASET_JSON      # prints {page name: {"status": ..., "queries": ...}} as JSON

Each page gets one warm-up request first (caches, first-view inserts), then one counted request.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import pages_for  # noqa: E402


def main(dataset_path):
    dataset = json.loads(Path(dataset_path).read_text())
    results = {}
    for name, who, url, _target in pages_for(dataset):
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies["sessionid"] = dataset["sessions"][who]
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        results[name] = {"status": response.status_code, "queries": len(captured.captured_queries)}
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
