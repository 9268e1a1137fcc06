"""What the assessment engine tells the apps above it."""

from django.dispatch import Signal

# Sent once per attempt, inside the transaction that grades it: attempt=<Attempt>.
attempt_submitted = Signal()

# Sent once per evaluation, inside the transaction that releases its result: evaluation=<Evaluation>.
evaluation_released = Signal()

# Sent when a panel's scores spread beyond the guide's tolerance: evaluation=<Evaluation>.
evaluation_flagged = Signal()

# Sent when a request is withdrawn or cancelled, inside that transaction: evaluation=<Evaluation>, actor=<User>.
evaluation_cancelled = Signal()

# Sent when an observer has signed off a field observation that needs a second observer: evaluation=<Evaluation>.
evaluation_countersign_needed = Signal()

# Sent when an observer accepts or declines a field observation request: evaluation=<Evaluation>.
observation_answered = Signal()
