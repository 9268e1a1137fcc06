"""Make a new key to sign credentials with; the older keys stay published so what they signed still verifies."""

from django.conf import settings
from django.core.management.base import BaseCommand

from certify.services.credentials import signing_key_rotate


class Command(BaseCommand):
    help = "Make a new credential signing key in the private storage (older keys stay in the published key set)."

    def handle(self, *args, **options):
        key = signing_key_rotate()
        self.stdout.write(f"New signing key {key.thumbprint()}.")
        if settings.CREDENTIAL_SIGNING_KEY:
            self.stdout.write("CREDENTIAL_SIGNING_KEY is set: it still signs until you unset or replace it.")
