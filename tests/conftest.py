import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from certify.roles import ensure_role_groups
from content.models import ContentIndexPage
from tests.factories.certify import (
    EnablementAdminFactory,
    JudgeFactory,
    ManagerFactory,
    RepFactory,
    TeamFactory,
)


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploaded files of the test run, recordings included, go to temporary folders."""
    from django.conf import settings as django_settings
    from django.core.files.storage import storages

    django_settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    private = {**django_settings.STORAGES["private"], "OPTIONS": {"location": str(tmp_path_factory.mktemp("private"))}}
    django_settings.STORAGES = {**django_settings.STORAGES, "private": private}
    storages._storages = {}
    storages.backends = django_settings.STORAGES
    from assessments.models import Evaluation

    # The field called its storage callable when the model loaded; point it at the temporary folder too.
    Evaluation._meta.get_field("recording").storage = storages["private"]


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Each test that uses the database starts with an empty cache (visit windows, rate limits).

    The cache is a table in the database, so a test without database access has no cache to clear.
    """
    from django.core.cache import cache

    if request.node.get_closest_marker("django_db") is None:
        used = [name for name in ("transactional_db", "db") if name in request.fixturenames]
        if not used:
            return
        request.getfixturevalue(used[0])
    cache.clear()


def make_hub():
    """The learning hub as the default site's root (recreating Wagtail's root if a flush removed it)."""
    # A transactional test (the browser tests) flushes the rows Wagtail's migrations made.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    hub = ContentIndexPage(title="Learning hub", slug="learning-hub", intro="<p>Learn here.</p>")
    root.add_child(instance=hub)
    hub.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=hub, is_default_site=True, site_name="Certifiable")
    ensure_role_groups()
    return hub


@pytest.fixture
def hub(db):
    return make_hub()


@pytest.fixture
def rep(db):
    return RepFactory(email="rep@test.example")


@pytest.fixture
def other_rep(db):
    return RepFactory(email="other.rep@test.example")


@pytest.fixture
def judge(db):
    return JudgeFactory(email="judge@test.example")


@pytest.fixture
def manager(db):
    return ManagerFactory(email="manager@test.example")


@pytest.fixture
def other_manager(db):
    return ManagerFactory(email="other.manager@test.example")


@pytest.fixture
def enablement_admin(db):
    return EnablementAdminFactory(email="admin@test.example")


@pytest.fixture
def team(db, manager, rep):
    return TeamFactory(name="East", managers=[manager], members=[rep])


@pytest.fixture
def other_team(db, other_manager, other_rep):
    return TeamFactory(name="West", managers=[other_manager], members=[other_rep])


@pytest.fixture
def client_for(client):
    """Sign a person in on the test client: `client_for(user)`."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def _run_order(item):
    """0: the rest; 1: browser tests; 2: other transactional tests (they commit, and empty the tables after)."""
    if "tests/browser/" in str(item.fspath):
        return 1
    marker = item.get_closest_marker("django_db")
    return 2 if marker and marker.kwargs.get("transaction") else 0


def pytest_collection_modifyitems(items):
    """Transactional tests run after the rest: browser tests first, then the others."""
    items.sort(key=_run_order)
