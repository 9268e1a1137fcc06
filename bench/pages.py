"""The pages measured: (name, identity, URL template, target as a multiple of the floor's p50)."""

import os

# Templates are filled from the dataset's JSON ({team_id}, {article_url}).
PAGES = [
    ("floor", "rep", "/__bench_floor__/", None),
    ("home (rep)", "rep", "/", 6),
    ("home (judge)", "judge", "/", 6),
    ("home (manager)", "manager", "/", 12),
    ("home (admin)", "admin", "/", 12),
    ("article (rep)", "rep", "{article_url}", 6),
    ("listing /learn/ (rep)", "rep", "/learn/", 6),
    ("search (rep)", "rep", "/search/?q=forecast", 6),
    ("tips (rep)", "rep", "/tips/", 6),
    ("notifications (rep)", "rep", "/notifications/", 6),
    ("product page (rep)", "rep", "/products/PULSE/", 6),
    ("team page (manager)", "manager", "/teams/{team_id}/", 12),
    ("team list (manager)", "manager", "/teams/", 12),
    ("admin dashboard, waiting on you (admin)", "admin", "/admin/", 12),
    ("reach report (admin)", "admin", "/admin/reach/", 12),
    ("webhook deliveries (admin)", "admin", "/admin/webhooks/{webhook_endpoint_id}/", 12),
    ("impact content (admin)", "admin", "/impact/content/", 12),
    ("impact content (manager)", "manager", "/impact/content/", 12),
    ("my certifications (rep)", "rep", "/certifications/", 6),
    ("certification page (rep)", "rep", "/certifications/pulse/", 6),
    ("verification page (public)", "rep", "/verify/{verification_token}/", 6),
    ("quiz page (rep)", "rep", "/attempts/{open_attempt_id}/", 6),
    ("quiz result (rep)", "rep", "/attempts/{result_attempt_id}/result/", 6),
    ("item analysis (admin)", "admin", "/admin/quizzes/item-analysis/", 12),
    ("my path (rep)", "rep", "/path/", 6),
    ("tiers (manager)", "manager", "/tiers/", 12),
    ("tiers (admin)", "admin", "/tiers/", 12),
    ("role-play preparation (rep)", "rep", "/certifications/pulse/levels/2/assessment/", 6),
    ("role-play result (rep)", "rep", "/evaluations/{result_evaluation_id}/", 6),
    ("judging queue (judge)", "judge", "/judging/", 6),
    ("scorecard (judge)", "judge", "/evaluations/{scorecard_evaluation_id}/scorecard/", 6),
    ("judge calibration (admin)", "admin", "/admin/evaluations/calibration/", 12),
    ("readiness grid (manager)", "manager", "/teams/{team_id}/readiness/", 12),
    ("observation request (manager)", "manager", "/evaluations/{observation_id}/", 12),
    ("impact overview (admin)", "admin", "/impact/", 12),
    ("impact overview (manager)", "manager", "/impact/", 12),
    ("impact ramp (admin)", "admin", "/impact/ramp/", 12),
    ("impact ramp (manager)", "manager", "/impact/ramp/", 12),
    ("impact funnel (admin)", "admin", "/impact/funnel/", 12),
    ("impact funnel (manager)", "manager", "/impact/funnel/", 12),
    ("impact readiness (admin)", "admin", "/impact/readiness/", 12),
    ("impact readiness (manager)", "manager", "/impact/readiness/", 12),
    ("impact trends (manager)", "manager", "/impact/trends/", 12),
    ("impact struggling (manager)", "manager", "/impact/struggling/", 12),
    ("impact struggling (admin)", "admin", "/impact/struggling/", 12),
    ("impact completion (admin)", "admin", "/impact/completion/", 12),
    ("impact certified vs not (admin)", "admin", "/impact/certified/", 12),
    ("impact certified vs not (manager)", "manager", "/impact/certified/", 12),
    ("impact revenue by tier (admin)", "admin", "/impact/tiers/", 12),
    ("impact revenue by tier (manager)", "manager", "/impact/tiers/", 12),
]


def pages_for(dataset=None):
    """The page list with URLs filled in from a dataset description (left as templates without one). BENCH_PAGES
    (comma-separated parts of names) measures only the pages it names, and the floor."""
    wanted = [part.strip() for part in os.environ.get("BENCH_PAGES", "").split(",") if part.strip()]
    pages = [page for page in PAGES if not wanted or page[0] == "floor" or any(part in page[0] for part in wanted)]
    if dataset is None:
        return pages
    return [(name, who, url.format(**dataset), target) for name, who, url, target in pages]
