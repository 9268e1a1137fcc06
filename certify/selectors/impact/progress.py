"""When the progress rollup (models.progress) that the funnel and the struggling list read was last counted."""

from ...models import ProgressRefresh


def progress_refreshed() -> ProgressRefresh | None:
    """The rollup's one stamp: when it was last rebuilt (None: never yet)."""
    return ProgressRefresh.objects.first()
