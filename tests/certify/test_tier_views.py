"""Tiers as people see them: a rep's path, managers' and enablement's tiers page and CSV export, the badge."""

import csv
import io
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.models import RepTier, Tier, TierChange, TierRequiredLevel
from certify.services import award_grant_by_person, award_revoke, deals_import, tier_recompute
from tests.factories.certify import CertificationFactory, JudgeFactory, RepFactory, TeamFactory
from tests.factories.content import ProductFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

PULSE_L2 = "Level 2 of Pulse Revenue Insights"
BEACON_L2 = "Level 2 of Beacon Forecasting"


# --- Set-up ------------------------------------------------------------------------------------------


@pytest.fixture
def ladder(db):
    """Bronze: level 1 on every core product. Silver: level 2 of Pulse and of Beacon, and two deals.
    Gold: USD 100,000 over the last 12 months."""
    pulse = CertificationFactory(
        title="Pulse Revenue Insights", slug="pulse-revenue-insights", product=ProductFactory(name="Pulse"), levels=2
    )
    beacon = CertificationFactory(
        title="Beacon Forecasting", slug="beacon-forecasting", product=ProductFactory(name="Beacon"), levels=2
    )
    bronze = Tier.objects.create(name="Bronze", rank=1, core_level=1)
    silver = Tier.objects.create(name="Silver", rank=2, min_deals=2)
    TierRequiredLevel.objects.create(tier=silver, certification=pulse, number=2, sort_order=0)
    TierRequiredLevel.objects.create(tier=silver, certification=beacon, number=2, sort_order=1)
    gold = Tier.objects.create(name="Gold", rank=3, min_revenue=100_000, revenue_months=12)
    return SimpleNamespace(pulse=pulse, beacon=beacon, bronze=bronze, silver=silver, gold=gold)


def grant(admin, person, certification, *numbers):
    award = None
    for number in numbers:
        level = certification.levels.get(number=number)
        award = award_grant_by_person(actor=admin, user=person, level=level, note="Checked by enablement.")
    return award


def import_deals(admin, rows, file_name="crm.csv"):
    """Import closed-won deals: rows of (CRM id, owner, account, amount in USD, days since it closed)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Opportunity ID", "Owner Email", "Account Name", "Stage", "Amount Currency", "Amount", "Close Date"])
    today = timezone.localdate()
    for external_id, person, account, amount, days_ago in rows:
        closed = today - timedelta(days=days_ago)
        writer.writerow(
            [external_id, person.email, account, "Closed Won", "USD", f"${amount:,}.00", f"{closed.month}/{closed.day}/{closed.year}"]
        )
    return deals_import(actor=admin, file_name=file_name, data=out.getvalue().encode())


def make_bronze(admin, person, ladder):
    grant(admin, person, ladder.pulse, 1)
    grant(admin, person, ladder.beacon, 1)


def _section(html, heading_id):
    """The part of a page from a heading with this id to the end of its section ('' if absent)."""
    start = html.find(f'id="{heading_id}"')
    if start == -1:
        return ""
    return html[start : html.index("</section>", start)]


def _text(fragment):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


# --- The rep's path ----------------------------------------------------------------------------------


@pytest.fixture
def on_the_way(ladder, rep, team, enablement_admin):
    """The rep at bronze, a third of the way to silver: Beacon level 2 held, Pulse level 2 and a deal missing."""
    make_bronze(enablement_admin, rep, ladder)
    grant(enablement_admin, rep, ladder.beacon, 2)
    import_deals(enablement_admin, [("006A", rep, "Acme Freight", 12_000, 5)])
    tier_recompute(user=rep)
    return rep


def test_the_path_shows_the_tier_the_way_to_the_next_and_exactly_what_is_missing(client_for, ladder, on_the_way):
    html = client_for(on_the_way).get(reverse("certify:rep_path")).content.decode()

    hero = _section(html, "tier-heading")
    assert "You are at Bronze" in hero
    assert "33% of the way to Silver" in hero
    assert 'aria-valuenow="33"' in hero
    items = re.findall(r'<li class="checklist-item">(.*?)</li>', hero, re.S)
    assert [_text(item) for item in items] == [
        f"{PULSE_L2} — go to the certification",
        "1 more closed deal (1 of 2) — see your deals",
    ]
    assert f'href="{reverse("certify:certification_detail", args=["pulse-revenue-insights"])}"' in items[0]
    assert 'href="#deals"' in items[1]
    # Held already, so not on the list.
    assert BEACON_L2 not in hero


def test_the_path_shows_the_ladder_of_tiers_with_what_each_asks(client_for, ladder, on_the_way):
    html = client_for(on_the_way).get(reverse("certify:rep_path")).content.decode()

    steps = re.findall(r'<li class="tier-step([^"]*)">(.*?)</li>\s*(?=<li class="tier-step|</ol>)', html, re.S)
    assert [(classes.strip(), _text(re.search(r"<h3>(.*?)</h3>", body, re.S)[1])) for classes, body in steps] == [
        ("tier-reached", "Bronze reached"),
        ("tier-next", "Silver next"),
        ("", "Gold later"),
    ]
    bronze, silver, gold = (_text(body) for _, body in steps)
    assert "Level 1 of Beacon Forecasting" in bronze and "Level 1 of Pulse Revenue Insights" in bronze
    assert "Still needed" not in bronze
    assert f"Still needed: {PULSE_L2}; 1 more closed deal (1 of 2)" in silver
    assert "USD 100,000 in the last 12 months" in gold
    assert "Still needed: USD 88,000 more revenue in the last 12 months (USD 12,000 of USD 100,000)" in gold


def test_the_path_shows_the_reps_deals_and_tier_history_and_no_one_elses(
    client_for, ladder, on_the_way, other_rep, enablement_admin
):
    import_deals(enablement_admin, [("006B", other_rep, "Globex Shipping", 40_000, 2)], file_name="more.csv")
    make_bronze(enablement_admin, other_rep, ladder)
    tier_recompute(user=other_rep)

    html = client_for(on_the_way).get(reverse("certify:rep_path")).content.decode()

    deals = _text(_section(html, "deals"))
    assert "Acme Freight" in deals and "USD 12,000" in deals
    assert "Globex Shipping" not in html
    history = _section(html, "history-heading")
    assert history.count("<li>") == 1
    assert TierChange.objects.get(user=on_the_way).reason in _text(history)
    assert "Placed at Bronze: every requirement met" in history


def test_the_path_of_a_rep_with_nothing_yet_lists_every_bronze_level_with_its_certification(
    client_for, ladder, rep
):
    html = client_for(rep).get(reverse("certify:rep_path")).content.decode()

    hero = _section(html, "tier-heading")
    assert "No tier yet" in hero and "0% of the way to Bronze" in hero
    items = re.findall(r'<li class="checklist-item">(.*?)</li>', hero, re.S)
    assert [_text(item) for item in items] == [
        "Level 1 of Beacon Forecasting — go to the certification",
        "Level 1 of Pulse Revenue Insights — go to the certification",
    ]
    assert reverse("certify:certification_detail", args=["beacon-forecasting"]) in items[0]
    assert reverse("certify:certification_detail", args=["pulse-revenue-insights"]) in items[1]
    assert "No closed-won deals yet" in html
    assert "history-heading" not in html


def test_a_rep_sees_a_clear_message_when_no_tiers_are_set_up(client_for, rep):
    html = client_for(rep).get(reverse("certify:rep_path")).content.decode()

    assert "Enablement has not set up tiers yet." in _section(html, "ladder-heading")
    assert "No tier yet" in html
    assert "of the way to" not in html and 'class="checklist"' not in html


def test_a_rep_at_the_top_tier_is_told_so(client_for, ladder, rep, enablement_admin):
    grant(enablement_admin, rep, ladder.pulse, 1, 2)
    grant(enablement_admin, rep, ladder.beacon, 1, 2)
    import_deals(enablement_admin, [("006A", rep, "Acme", 60_000, 10), ("006B", rep, "Globex", 40_000, 20)])

    hero = _section(client_for(rep).get(reverse("certify:rep_path")).content.decode(), "tier-heading")

    assert "You are at Gold" in hero and "The top tier." in hero
    assert "of the way to" not in hero and "checklist" not in hero


@pytest.mark.parametrize("person_fixture", ["manager", "judge", "enablement_admin"])
def test_the_path_is_for_reps_only(client_for, request, ladder, person_fixture):
    person = request.getfixturevalue(person_fixture)
    assert client_for(person).get(reverse("certify:rep_path")).status_code == 404


def test_the_path_query_count_does_not_grow_with_deals_awards_and_tier_changes(
    client_for, ladder, on_the_way, enablement_admin
):
    rep = on_the_way
    client = client_for(rep)
    url = reverse("certify:rep_path")
    client.get(url)
    one = queries_for(client, url)

    import_deals(enablement_admin, [(f"006M{n}", rep, f"Account {n}", 1_000, n + 10) for n in range(20)], "more.csv")
    for n in range(20):
        grant(enablement_admin, rep, CertificationFactory(title=f"Topic {n}"), 1)
    for _ in range(10):  # twenty changes: dropped, placed again
        pulse_1 = rep.awards.get(level__certification=ladder.pulse, revoked_at__isnull=True)
        award_revoke(actor=enablement_admin, award_id=pulse_1.pk, reason="Checked again.")
        tier_recompute(user=rep)
        grant(enablement_admin, rep, ladder.pulse, 1)
        tier_recompute(user=rep)
    assert TierChange.objects.filter(user=rep).count() == 21

    html = client.get(url).content.decode()
    assert "The 10 most recent of 21 deals." in html
    assert _section(html, "history-heading").count("<li>") == 10
    # Session, user, roles; core certifications, tiers, their named levels; current awards, deals (the facts);
    # tier history, the ten latest deals and their count.
    assert queries_for(client, url) == one


# --- The tiers page ------------------------------------------------------------------------------------


@pytest.fixture
def placed(ladder, rep, other_rep, team, other_team, enablement_admin):
    """East: rep at bronze, Ann at silver, Bob never worked out, a judge who is no rep.
    West: other_rep at bronze, Cat worked out with no tier."""
    ann, bob, cat = (RepFactory(email=f"{name}@test.example", first_name=name.title()) for name in ("ann", "bob", "cat"))
    team.members.add(ann, bob, JudgeFactory())
    team.save()
    other_team.members.add(cat)
    other_team.save()
    for person in (rep, other_rep):
        make_bronze(enablement_admin, person, ladder)
    grant(enablement_admin, ann, ladder.pulse, 1, 2)
    grant(enablement_admin, ann, ladder.beacon, 1, 2)
    import_deals(enablement_admin, [("006A", ann, "Acme", 5_000, 3), ("006B", ann, "Globex", 7_000, 30)])
    for person in (rep, other_rep, ann, cat):
        tier_recompute(user=person)
    assert not RepTier.objects.filter(user=bob).exists()
    return SimpleNamespace(east=team, west=other_team, ann=ann, bob=bob, cat=cat, **vars(ladder))


def _rows(response):
    return [(row.name, row.reps_total, row.tier_none, row.tier_counts) for row in response.context["team_rows"]]


def _listed(response):
    return {rep.email for rep in response.context["page_obj"].object_list}


def test_the_tiers_page_counts_reps_per_team_and_tier_for_an_admin(client_for, placed, rep, other_rep, enablement_admin):
    response = client_for(enablement_admin).get(reverse("certify:tiers"))

    # Tiers: bronze, silver, gold.
    assert _rows(response) == [("East", 3, 1, [1, 1, 0]), ("West", 2, 1, [1, 0, 0])]
    assert _listed(response) == {rep.email, other_rep.email, placed.ann.email, placed.bob.email, placed.cat.email}
    html = response.content.decode()
    assert "<th scope=\"col\">Bronze</th><th scope=\"col\">Silver</th><th scope=\"col\">Gold</th>" in html
    assert "East" in html and "West" in html


def test_a_manager_sees_only_their_own_teams_rows_and_reps(client_for, placed, rep, manager):
    response = client_for(manager).get(reverse("certify:tiers"))

    assert _rows(response) == [("East", 3, 1, [1, 1, 0])]
    assert _listed(response) == {rep.email, placed.ann.email, placed.bob.email}
    html = response.content.decode()
    assert "West" not in html and placed.cat.email not in html and "other.rep@test.example" not in html


def test_the_tiers_page_shows_each_reps_tier_progress_and_what_they_miss(client_for, placed, rep, manager):
    html = client_for(manager).get(reverse("certify:tiers")).content.decode()

    rows = re.findall(r"<tr>\s*<td><a href=\"/people/.*?</tr>", html, re.S)
    assert len(rows) == 3

    def row_of(person):
        return _text(next(row for row in rows if f">{person.email}<" in row))

    # Name and email, tier, next tier with the progress bar's text and the percentage, what is missing.
    assert row_of(rep) == (
        f"{rep.display_name} {rep.email} Bronze Silver 0% 0% {PULSE_L2}; {BEACON_L2}; 2 more closed deals (0 of 2)"
    )
    assert row_of(placed.ann).endswith(
        "Silver Gold 0% 0% USD 88,000 more revenue in the last 12 months (USD 12,000 of USD 100,000)"
    )
    assert row_of(placed.bob).endswith("None yet — —")


def test_a_rep_in_two_teams_counts_in_each_and_is_listed_once(client_for, placed, rep, manager):
    placed.west.members.add(rep)
    placed.west.managers.add(manager)
    placed.west.save()
    client = client_for(manager)

    response = client.get(reverse("certify:tiers"))
    exported = [row[1] for row in _csv(client.get(reverse("certify:tiers_export")))[1:]]

    assert _rows(response) == [("East", 3, 1, [1, 1, 0]), ("West", 3, 1, [2, 0, 0])]
    listed = [person.email for person in response.context["page_obj"].object_list]
    assert len(listed) == 5 and set(listed) == {
        rep.email, placed.ann.email, placed.bob.email, placed.cat.email, "other.rep@test.example"
    }
    assert sorted(exported) == sorted(listed)


@pytest.mark.parametrize(
    "who, query, expected",
    [
        ("enablement_admin", {"tier": "bronze"}, {"rep", "other_rep"}),
        ("enablement_admin", {"tier": "silver"}, {"ann"}),
        ("enablement_admin", {"tier": "gold"}, set()),
        ("enablement_admin", {"tier": "none"}, {"bob", "cat"}),
        ("enablement_admin", {"team": "west"}, {"other_rep", "cat"}),
        ("enablement_admin", {"team": "west", "tier": "none"}, {"cat"}),
        ("manager", {"tier": "bronze"}, {"rep"}),
        ("manager", {"tier": "none"}, {"bob"}),
        ("manager", {"team": "east", "tier": "silver"}, {"ann"}),
        # Another manager's team is no choice: the filter does not apply, and still only their own reps show.
        ("manager", {"team": "west"}, {"rep", "ann", "bob"}),
    ],
)
def test_the_tiers_page_filters_by_team_and_tier(client_for, request, placed, who, query, expected):
    names = {"rep": request.getfixturevalue("rep"), "other_rep": request.getfixturevalue("other_rep")}
    names.update(ann=placed.ann, bob=placed.bob, cat=placed.cat)
    params = {}
    if "tier" in query:
        params["tier"] = "none" if query["tier"] == "none" else getattr(placed, query["tier"]).pk
    if "team" in query:
        params["team"] = getattr(placed, query["team"]).pk

    response = client_for(request.getfixturevalue(who)).get(reverse("certify:tiers"), params)

    assert _listed(response) == {names[name].email for name in expected}


def test_the_tiers_page_lists_50_reps_a_page_keeping_the_filter(client_for, placed, enablement_admin):
    TeamFactory(name="North", members=[RepFactory(first_name=f"Zed{n:02d}") for n in range(55)])
    client = client_for(enablement_admin)

    first = client.get(reverse("certify:tiers"), {"tier": "none"})
    second = client.get(reverse("certify:tiers"), {"tier": "none", "page": 2})

    # 55 new reps never worked out, and Bob and Cat.
    assert first.context["page_obj"].paginator.count == 57
    assert len(first.context["page_obj"].object_list) == 50
    assert len(second.context["page_obj"].object_list) == 7
    assert _listed(first).isdisjoint(_listed(second))
    assert "Page 2 of 2" in second.content.decode()
    assert 'href="?tier=none&amp;page=2"' in first.content.decode()


@pytest.mark.parametrize("person_fixture", ["rep", "judge"])
@pytest.mark.parametrize("url_name", ["tiers", "tiers_export"])
def test_the_tiers_page_and_export_are_for_managers_and_admins_only(client_for, request, placed, person_fixture, url_name):
    person = request.getfixturevalue(person_fixture)
    assert client_for(person).get(reverse(f"certify:{url_name}")).status_code == 404


def test_the_tiers_page_query_count_does_not_grow_with_reps_and_teams(client_for, placed, enablement_admin):
    client = client_for(enablement_admin)
    url = reverse("certify:tiers")
    client.get(url)
    one = queries_for(client, url)

    for n in range(5):
        reps = [RepFactory() for _ in range(4)]
        TeamFactory(name=f"Squad {n}", members=reps)
        for person in reps[:2]:
            make_bronze(enablement_admin, person, placed)
            tier_recompute(user=person)
        tier_recompute(user=reps[2])

    response = client.get(url)
    assert len(response.context["team_rows"]) == 7 and response.context["page_obj"].paginator.count == 25
    # Session, user, roles, the admin's authenticator; tiers (for the filter and for the counts), the counts
    # per team (one query for every team), the reps' count, the teams of the filter, and the page of reps
    # with their tier and next tier (one query).
    assert queries_for(client, url) == one


# --- The CSV export ----------------------------------------------------------------------------------------


def _csv(response):
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="reps-by-tier-')
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


HEADER = ["Name", "Email", "Tier", "Next tier", "Progress to next (%)", "Still missing"]


def test_the_export_has_a_row_per_rep_with_tier_next_tier_progress_and_what_is_missing(
    client_for, placed, rep, other_rep, enablement_admin
):
    rows = _csv(client_for(enablement_admin).get(reverse("certify:tiers_export")))

    assert rows[0] == HEADER
    by_email = {row[1]: row for row in rows[1:]}
    assert len(rows) == 6 and set(by_email) == {
        rep.email, other_rep.email, placed.ann.email, placed.bob.email, placed.cat.email
    }
    assert by_email[rep.email] == [
        rep.display_name, rep.email, "Bronze", "Silver", "0", f"{PULSE_L2}; {BEACON_L2}; 2 more closed deals (0 of 2)"
    ]
    assert by_email[placed.ann.email][2:] == [
        "Silver", "Gold", "0", "USD 88,000 more revenue in the last 12 months (USD 12,000 of USD 100,000)"
    ]
    assert by_email[placed.cat.email][2:] == [
        "", "Bronze", "0", "Level 1 of Beacon Forecasting; Level 1 of Pulse Revenue Insights"
    ]
    assert by_email[placed.bob.email][2:] == ["", "", "0", ""]


def test_the_export_applies_the_pages_filters(client_for, placed, other_rep, enablement_admin):
    client = client_for(enablement_admin)

    no_tier = _csv(client.get(reverse("certify:tiers_export"), {"tier": "none"}))
    west_bronze = _csv(client.get(reverse("certify:tiers_export"), {"team": placed.west.pk, "tier": placed.bronze.pk}))

    assert {row[1] for row in no_tier[1:]} == {placed.bob.email, placed.cat.email}
    assert west_bronze[1:] == [
        [other_rep.display_name, other_rep.email, "Bronze", "Silver", "0",
         f"{PULSE_L2}; {BEACON_L2}; 2 more closed deals (0 of 2)"]
    ]


@pytest.mark.parametrize("query", [{}, {"team": "west"}, {"tier": "none"}, {"tier": "bronze"}])
def test_a_managers_export_never_includes_another_teams_reps(client_for, placed, rep, other_rep, manager, query):
    params = {key: getattr(placed, value).pk if value != "none" else value for key, value in query.items()}

    rows = _csv(client_for(manager).get(reverse("certify:tiers_export"), params))

    emails = {row[1] for row in rows[1:]}
    assert rows[0] == HEADER and emails
    assert emails <= {rep.email, placed.ann.email, placed.bob.email}
    assert other_rep.email not in emails and placed.cat.email not in emails


# --- The badge on a person's page ------------------------------------------------------------------------


@pytest.mark.parametrize("viewer_fixture", ["other_rep", "judge", "manager", "enablement_admin"])
def test_a_persons_page_shows_their_tier_to_anyone_signed_in(client_for, request, placed, rep, viewer_fixture):
    viewer = request.getfixturevalue(viewer_fixture)

    html = client_for(viewer).get(reverse("certify:person", args=[rep.pk])).content.decode()
    without = client_for(viewer).get(reverse("certify:person", args=[placed.cat.pk])).content.decode()

    assert "Bronze tier" in _text(re.search(r'<p class="tier-badge">(.*?)</p>', html, re.S)[1])
    assert "tier-badge" not in without


def test_the_badge_goes_when_the_rep_drops(client_for, placed, rep, other_rep, enablement_admin):
    beacon_1 = rep.awards.get(level__certification=placed.beacon)
    award_revoke(actor=enablement_admin, award_id=beacon_1.pk, reason="Granted in error.")
    tier_recompute(user=rep)

    html = client_for(other_rep).get(reverse("certify:person", args=[rep.pk])).content.decode()

    assert "tier-badge" not in html and "Bronze tier" not in html


def test_the_export_keeps_a_name_that_looks_like_a_formula_as_text(client_for, ladder, team, enablement_admin):
    sneaky = RepFactory(first_name="=HYPERLINK(\"http://x\")", last_name="Smith")
    team.members.add(sneaky)
    team.save()
    tier_recompute(user=sneaky)

    response = client_for(enablement_admin).get(reverse("certify:tiers_export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    names = [row[0] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://x\") Smith" in names
    assert not any(name.startswith("=") for name in names)


def test_someone_who_stops_being_a_rep_loses_their_tier_badge(client_for, ladder, rep, other_rep, enablement_admin):
    make_bronze(enablement_admin, rep, ladder)
    tier_recompute(user=rep)
    assert RepTier.objects.get(user=rep).tier is not None
    from certify.models import Role
    from certify.services import user_set_roles

    user_set_roles(user=rep, roles=[Role.MANAGER])
    tier_recompute(user=rep)

    assert not RepTier.objects.filter(user=rep).exists()
    assert "tier</p>" not in client_for(other_rep).get(reverse("certify:person", args=[rep.pk])).content.decode()


def test_the_by_team_table_shows_25_teams_a_page(client_for, ladder, enablement_admin):
    for n in range(30):
        TeamFactory(name=f"Region {n:02d}")

    first = _section(client_for(enablement_admin).get(reverse("certify:tiers")).content.decode(), "by-team-heading")
    second = _section(
        client_for(enablement_admin).get(reverse("certify:tiers"), {"teams_page": 2}).content.decode(), "by-team-heading"
    )

    assert "Region 00" in first and "Region 24" in first and "Region 25" not in first
    assert "Region 25" in second and "Region 00" not in second
    assert "Teams 1–25 of 30" in first
