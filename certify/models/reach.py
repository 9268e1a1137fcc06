"""Content reach, rolled up: per page (and per team and page) how many reps opened it, rebuilt in bulk by
services.reach_rollup_refresh on a schedule, so the reach report reads a few rows instead of every view."""

from django.db import models


class PageReach(models.Model):
    """One content page's reach when the rollup was last refreshed."""

    page = models.OneToOneField("content.ContentPage", on_delete=models.CASCADE, primary_key=True, related_name="reach")
    rep_viewers = models.PositiveIntegerField(default=0, help_text="Active reps who opened the page.")
    total_views = models.PositiveBigIntegerField(default=0, help_text="Views by anyone signed in.")
    last_viewed = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Reach of {self.page_id}: {self.rep_viewers} reps"


class TeamPageReach(models.Model):
    """How many of a team's active reps opened one page, when the rollup was last refreshed (no row: none)."""

    team = models.ForeignKey("certify.Team", on_delete=models.CASCADE, related_name="page_reach")
    page = models.ForeignKey("content.ContentPage", on_delete=models.CASCADE, related_name="team_reach")
    viewers = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "team"], name="team_page_reach_once")]

    def __str__(self):
        return f"Reach of {self.page_id} in team {self.team_id}: {self.viewers}"


class ReachRefresh(models.Model):
    """The one row saying when the reach rollup was last rebuilt, and the reps it counted then."""

    refreshed_at = models.DateTimeField()
    reps = models.PositiveIntegerField(default=0, help_text="Active reps when the rollup was rebuilt.")
    pages = models.PositiveIntegerField(default=0, help_text="Pages with at least one view.")

    def __str__(self):
        return f"Reach refreshed at {self.refreshed_at:%Y-%m-%d %H:%M}"
