from django.core.management.base import BaseCommand

from certify import demo


class Command(BaseCommand):
    help = "Load the demo company, content, teams and logins (safe to run again: it only adds what is missing)."

    def handle(self, *args, **options):
        demo.load(stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write("Demo logins (password: %s):" % demo.DEMO_PASSWORD)
        for email, first, last, roles, member_of, manages in demo.PEOPLE[:5]:
            detail = ", ".join(role.label.lower() for role in roles)
            if member_of:
                detail += f", team {', '.join(member_of)}"
            if manages:
                detail += f", manages {', '.join(manages)}"
            self.stdout.write(f"  {email:<24} {first} {last} ({detail})")
        self.stdout.write(
            "admin@example.com uses two-factor authentication: add the key "
            f"{demo.DEMO_ADMIN_TOTP_SECRET} to an authenticator app, or run `make totp` for the current code."
        )
