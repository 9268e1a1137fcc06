"""Every form of the certify app, one module per area; the public names are re-exported here."""

from .certifications import AssignmentForm, AwardGrantForm, AwardRevokeForm
from .deals import DealImportForm
from .evaluations import EvaluationPanelForm, LevelEvaluationRequestForm
from .fields import time_zone_note
from .impact import (
    CertifiedFilterForm,
    ImpactFilterForm,
    NudgeForm,
    RampFilterForm,
    ReadinessFormulaForm,
    StrugglingFilterForm,
)
from .notifications import NoticeChannelsForm
from .observations import (
    ObservationAnswerForm,
    ObservationCallForm,
    ObservationCountersignForm,
    ObservationRequestForm,
    ObservationStartForm,
)
from .people import BROWSER_TIME_ZONE_FIELD, SetPasswordForm, TimeZoneForm
from .readiness import ReadinessFilterForm
from .recertification import LevelChangeForm
from .start_dates import StartDateImportForm
from .tiers import NO_TIER, TierFilterForm
from .tips import (
    TipFilterForm,
    TipFlagForm,
    TipForm,
    TipModerationForm,
    TipReplyForm,
    TipTextForm,
)
from .webhooks import WebhookEndpointForm

__all__ = [
    "LevelChangeForm",
    "NoticeChannelsForm",
    "AssignmentForm",
    "AwardGrantForm",
    "AwardRevokeForm",
    "BROWSER_TIME_ZONE_FIELD",
    "CertifiedFilterForm",
    "DealImportForm",
    "EvaluationPanelForm",
    "ImpactFilterForm",
    "LevelEvaluationRequestForm",
    "NO_TIER",
    "NudgeForm",
    "ObservationAnswerForm",
    "ObservationCallForm",
    "ObservationCountersignForm",
    "ObservationRequestForm",
    "ObservationStartForm",
    "RampFilterForm",
    "ReadinessFilterForm",
    "ReadinessFormulaForm",
    "SetPasswordForm",
    "StartDateImportForm",
    "StrugglingFilterForm",
    "TierFilterForm",
    "time_zone_note",
    "TimeZoneForm",
    "TipFilterForm",
    "TipFlagForm",
    "TipForm",
    "TipModerationForm",
    "TipReplyForm",
    "TipTextForm",
    "WebhookEndpointForm",
]
