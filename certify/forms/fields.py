"""What several forms share in how they read input."""



def in_site_time_zone(value):
    """A datetime-local field carries no time zone: read what was typed in the site's."""
    from django.utils import timezone

    if value is None:
        return None
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return timezone.make_aware(naive, timezone.get_default_timezone())
