"""Signing a browser in as a person without going through the sign-in form (tests of the form itself sign in for real)."""

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore


def sign_in_as(page, live_server, person):
    session = SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.save()
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": live_server.url}])
