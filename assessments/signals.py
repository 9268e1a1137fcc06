"""What the quiz engine tells the apps above it."""

from django.dispatch import Signal

# Sent once per attempt, inside the transaction that grades it: attempt=<Attempt>.
attempt_submitted = Signal()
