"""Benchmark settings: the project's settings with a URLconf that adds a bare "floor" view."""

from certify.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
