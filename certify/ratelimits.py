"""A fixed-window request limit per client address, counted in the shared cache (so it holds across processes)."""

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The address the outermost of our TRUSTED_PROXY_COUNT proxies saw; REMOTE_ADDR when there are none."""
    trusted = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    if trusted:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(request, *, action: str, per_minute: int) -> bool:
    """Count this request; True once the address has made more than `per_minute` in the current minute."""
    if per_minute <= 0:
        return False
    window = int(time.time() // 60)
    key = f"limit:{action}:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=120):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=120)
        return False
    return count > per_minute
