"""Slots the evaluation pages of the admin offer to the apps built on assessments, filled with a Wagtail hook.

Assessments knows nothing of who fills them; with no hook registered a slot stays empty. The
evaluations listing's row buttons need no slot of their own: Wagtail's
`register_snippet_listing_buttons` hook is one.
"""

from wagtail import hooks

# fn(evaluation) -> a dict with any of "page" (where the site shows the evaluation) and
# "recording" (where its recording is played).
EVALUATION_LINKS_HOOK = "assessments_evaluation_links"


# fn(evaluation, passed) -> a sentence saying what releasing the result grants (or "" to say nothing).
EVALUATION_OUTCOME_HOOK = "assessments_evaluation_outcome"


def evaluation_outcome(evaluation, passed: bool) -> list:
    """What releasing the result would grant, in the words of the apps that grant it (moderation's preview)."""
    return [text for fn in hooks.get_hooks(EVALUATION_OUTCOME_HOOK) if (text := fn(evaluation, passed))]


def evaluation_links(evaluation) -> dict:
    """The links an evaluation's summary shows (templates/assessments/admin/evaluation_summary.html)."""
    links = {}
    for fn in hooks.get_hooks(EVALUATION_LINKS_HOOK):
        links.update(fn(evaluation) or {})
    return links
