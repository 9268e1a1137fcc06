import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo login (only when DEBUG is on)."

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default="admin@example.com")

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError("This command only runs with DEBUG=true (local demo).")
        authenticator = Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP).first()
        if authenticator is None:
            raise CommandError(f"{email} has no authenticator app set up.")
        secret = get_adapter().decrypt(authenticator.data["secret"])
        period = mfa_settings.TOTP_PERIOD
        code = format_hotp_value(hotp_value(secret, int(time.time()) // period))
        remaining = period - int(time.time()) % period
        self.stdout.write(f"{code}  (valid for {remaining} more seconds)")
