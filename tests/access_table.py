"""What each kind of visitor gets from every route the project serves.

One row per route of our own (and per Wagtail page type), one row per group of
third-party routes (allauth, the Wagtail admin, Django's admin). A route that no
row covers fails the access-matrix test by name: add its row with the view.

Outcomes:
  ok      200 (or 302 where the view redirects after doing its job, marked "done")
  login   sent to the sign-in page, with a way back
  404     not found — "not yours" and "does not exist" look the same
  403     refused with a page that says so
  405     method not allowed
  410     gone (an invitation link that cannot be used)
  done    302 elsewhere after a successful change
"""

VISITORS = ["anonymous", "rep", "other_rep", "judge", "manager", "other_manager", "admin"]

SIGNED_IN_OK = {"anonymous": "login", **{v: "ok" for v in VISITORS[1:]}}
SIGNED_IN_405 = {"anonymous": "login", **{v: "405" for v in VISITORS[1:]}}
ADMIN_ONLY = {"anonymous": "login", **{v: "403" for v in VISITORS[1:-1]}, "admin": "ok"}
ADMIN_ONLY_DONE = {"anonymous": "login", **{v: "403" for v in VISITORS[1:-1]}, "admin": "done"}
OWN_TEAM = {
    "anonymous": "login",
    "rep": "404",
    "other_rep": "404",
    "judge": "404",
    "manager": "ok",
    "other_manager": "404",
    "admin": "ok",
}
TEAMS = {**OWN_TEAM, "other_manager": "ok"}
EVERYONE_410 = {v: "410" for v in VISITORS}
EVERYONE_404 = {v: "404" for v in VISITORS}
EVERYONE_DONE = {v: "done" for v in VISITORS}
EVERYONE_405 = {v: "405" for v in VISITORS}
SIGNED_IN_DONE = {"anonymous": "login", **{v: "done" for v in VISITORS[1:]}}
SIGNED_IN_400 = {"anonymous": "login", **{v: "400" for v in VISITORS[1:]}}
# A hidden tip written by "rep": its author and enablement admins see it, nobody else.
HIDDEN_TIP = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "rep": "ok", "admin": "ok"}
MODERATE = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "admin": "done"}
# A tip (or reply) written by "rep": only its author edits it; everyone else finds nothing.
OWN_TIP = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "rep": "ok"}
# Deleting it: its author and enablement admins are asked to confirm first (ok); everyone else finds nothing.
TIP_DELETE = {**OWN_TIP, "admin": "ok"}
# Flagging it: anyone signed in but its author (an empty flag comes back with its errors; nothing is sent).
TIP_FLAG = {**SIGNED_IN_OK, "rep": "404"}
TO_SIGN_IN = {v: "login" for v in VISITORS}
# A certification assigned to "rep" alone (not open to everyone): the rep and enablement admins see it.
ASSIGNED_TO_REP = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "rep": "ok", "admin": "ok"}
# Starting its quiz: the rep is sent to the attempt; an admin it is not assigned to is sent back with the reason.
START_AS_REP = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "rep": "done", "admin": "done"}
# The rep's own attempt in progress: nobody else sees or changes it, not even an admin.
OWN_ATTEMPT = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "rep": "ok"}
OWN_ATTEMPT_SAVE = {**OWN_ATTEMPT, "rep": "done"}
# Reps only: their own path.
REPS_ONLY = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "rep": "ok", "other_rep": "ok"}
# Managers (their own teams) and enablement admins (every team).
MANAGERS_AND_ADMINS = {**OWN_TEAM, "other_manager": "ok"}
# A submitted attempt's result: the rep, the rep's manager and enablement admins.
REP_RESULT = {**OWN_ATTEMPT, "manager": "ok", "admin": "ok"}
ADMIN_AREA_SIGN_IN = {**ADMIN_ONLY, "admin": "login"}
# Beacon level 2: assigned to team East (rep) and to other_rep; enablement admins see every certification.
LEVEL_TWO = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "rep": "ok", "other_rep": "ok", "admin": "ok"}
# rep's released Beacon role-play, scored by judge and manager (who also manages rep's team).
REP_EVALUATION = {**OWN_TEAM, "rep": "ok", "judge": "ok"}
# rep's new request with an uploaded recording: no panel yet, so the rep, their manager and admins.
REP_RECORDING = {**OWN_TEAM, "rep": "ok"}
# Withdrawing: the rep and an admin are asked to confirm first (ok); everyone else finds nothing.
REP_WITHDRAW = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "rep": "ok", "admin": "ok"}
# A scorecard on priya's live role-play: only its two judges (judge, and manager who is also a judge).
PANEL_ONLY = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "judge": "ok", "manager": "ok"}
PANEL_ONLY_SAVE = {**PANEL_ONLY, "judge": "done", "manager": "done"}
# Judging: people with the judge role.
JUDGES = PANEL_ONLY
# Starting an observation: managers, for the reps they manage.
MANAGERS_ONLY = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "manager": "ok", "other_manager": "ok"}
# Impact figures: enablement admins (every rep) and managers (their own teams' reps); nobody else finds the pages.
IMPACT_READERS = {**MANAGERS_ONLY, "admin": "ok"}
# One rep's readiness, taken apart: "rep" is of East, which "manager" manages; enablement admins read every rep.
IMPACT_OWN_REP = {**OWN_TEAM}
# The readiness formula's weights: enablement admins alone; managers read the formula but find no page to change it
# (an empty form comes back to the admin with its errors, 400; nothing is saved).
IMPACT_ADMINS = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "admin": "ok"}
IMPACT_ADMINS_400 = {**IMPACT_ADMINS, "admin": "400"}
# Nudging "rep" (of team East, managed by "manager"): their manager and enablement admins are sent back to the page
# with the outcome (an empty POST names no overdue level: nothing is sent); everyone else finds nothing.
IMPACT_NUDGE = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "manager": "done", "admin": "done"}
# rep's request to observe a call, addressed to manager: only manager answers it (an empty answer: 400 and the question).
OBSERVER_ONLY = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "manager": "400"}
# One of rep's own awards: its certificate and Open Badge downloads are the holder's alone.
OWN_AWARD = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "rep": "ok"}
# Switching its public verification: an empty choice sends the holder back with the reason; nothing changes.
OWN_AWARD_DONE = {**OWN_AWARD, "rep": "done"}
# A notification: its reader follows it or marks it read; for anyone else it does not exist.
OWN_NOTICE_DONE = {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}, "rep": "done"}
# Public on purpose: what a verifier outside the platform reads, without signing in.
EVERYONE_OK = {v: "ok" for v in VISITORS}

# route (as Django prints its pattern; the Wagtail serve pattern is covered by PAGE_TYPES) -> {method: {visitor: outcome}}; "{team}" etc. are filled in by the test.
ROUTES = {
    "": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405},
    "teams/": {"GET": TEAMS, "POST": {**SIGNED_IN_405}},
    "teams/<id:pk>/": {"GET": OWN_TEAM, "POST": {**SIGNED_IN_405}},
    "search/": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405},
    "invite/<str:token>/": {"GET": EVERYONE_410, "POST": EVERYONE_410},
    "tips/": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405},
    # An empty form comes back with its errors; nothing is saved.
    "tips/new/": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_OK},
    "tips/<id:pk>/": {"GET": HIDDEN_TIP, "POST": SIGNED_IN_405},
    # Marking is answered with a redirect and a message (done, or why not: one's own tip).
    "tips/<id:pk>/helpful/": {"GET": SIGNED_IN_405, "POST": SIGNED_IN_DONE},
    "tips/<id:pk>/replies/": {"GET": SIGNED_IN_405, "POST": SIGNED_IN_400},
    "tips/<id:pk>/moderate/": {"GET": SIGNED_IN_405, "POST": MODERATE},
    # An empty edit comes back with its errors; nothing is saved.
    "tips/<id:pk>/edit/": {"GET": OWN_TIP, "POST": OWN_TIP},
    "tips/<id:pk>/replies/<id:reply_pk>/edit/": {"GET": OWN_TIP, "POST": OWN_TIP},
    "tips/<id:pk>/delete/": {"GET": SIGNED_IN_405, "POST": TIP_DELETE},
    "tips/<id:pk>/flag/": {"GET": TIP_FLAG, "POST": TIP_FLAG},
    "people/<id:pk>/": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405},
    # Each person's own time zone; an empty form comes back with its error and nothing changes.
    "settings/time-zone/": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_OK},
    "notifications/": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405},
    "notifications/read/": {"GET": SIGNED_IN_405, "POST": SIGNED_IN_DONE},
    "notifications/settings/": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_OK},
    # The rep's own notification: anyone else's is not found.
    "notifications/<id:pk>/read/": {"GET": SIGNED_IN_405, "POST": OWN_NOTICE_DONE},
    "notifications/<id:pk>/open/": {"GET": OWN_NOTICE_DONE, "POST": SIGNED_IN_405},
    "products/<slug:code>/": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405},
    "certifications/": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405},
    "certifications/<slug:slug>/": {"GET": ASSIGNED_TO_REP, "POST": SIGNED_IN_405},
    "certifications/<slug:slug>/levels/<id:number>/start/": {"GET": SIGNED_IN_405, "POST": START_AS_REP},
    "path/": {"GET": REPS_ONLY, "POST": SIGNED_IN_405},
    "credentials/": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405},
    "credentials/<id:pk>/certificate.pdf": {"GET": OWN_AWARD, "POST": SIGNED_IN_405},
    "credentials/<id:pk>/credential.json": {"GET": OWN_AWARD, "POST": SIGNED_IN_405},
    "credentials/<id:pk>/credential.jwt": {"GET": OWN_AWARD, "POST": SIGNED_IN_405},
    "credentials/<id:pk>/verification/": {"GET": SIGNED_IN_405, "POST": OWN_AWARD_DONE},
    # Public on purpose: an award's verification page (by its random token), the issuer's profile, its public
    # keys and the revocation status list.
    "verify/<slug:token>/": {"GET": EVERYONE_OK, "POST": EVERYONE_405},
    "credentials/issuer/": {"GET": EVERYONE_OK, "POST": EVERYONE_405},
    "credentials/keys.json": {"GET": EVERYONE_OK, "POST": EVERYONE_405},
    "credentials/status/revocation/": {"GET": EVERYONE_OK, "POST": EVERYONE_405},
    # An empty request comes back with what is missing; nothing is saved.
    "certifications/<slug:slug>/levels/<id:number>/assessment/": {"GET": LEVEL_TWO, "POST": LEVEL_TWO},
    "evaluations/<id:pk>/": {"GET": REP_EVALUATION, "POST": SIGNED_IN_405},
    "evaluations/<id:pk>/recording/": {"GET": REP_RECORDING, "POST": SIGNED_IN_405},
    "evaluations/<id:pk>/cancel/": {"GET": SIGNED_IN_405, "POST": REP_WITHDRAW},
    "evaluations/<id:pk>/scorecard/": {"GET": PANEL_ONLY, "POST": PANEL_ONLY_SAVE},
    "evaluations/<id:pk>/scorecard/autosave/": {"GET": SIGNED_IN_405, "POST": PANEL_ONLY},
    "judging/": {"GET": JUDGES, "POST": SIGNED_IN_405},
    # GET lists the manager's reps to pick from; a POST names no rep of theirs, so nothing is found.
    "observations/new/": {"GET": MANAGERS_ONLY, "POST": {"anonymous": "login", **{v: "404" for v in VISITORS[1:]}}},
    "evaluations/<id:pk>/answer/": {"GET": SIGNED_IN_405, "POST": OBSERVER_ONLY},
    # The waiting request names no second observer: nobody may countersign it.
    "evaluations/<id:pk>/countersign/": {"GET": SIGNED_IN_405, "POST": {**SIGNED_IN_405, **{v: "404" for v in VISITORS[1:]}}},
    "teams/<id:pk>/readiness/": {"GET": OWN_TEAM, "POST": SIGNED_IN_405},
    "teams/<id:pk>/readiness.csv": {"GET": OWN_TEAM, "POST": SIGNED_IN_405},
    "tiers/": {"GET": MANAGERS_AND_ADMINS, "POST": SIGNED_IN_405},
    "impact/": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/ramp/": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/ramp.csv": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/funnel/": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/funnel.csv": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/content/": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/content.csv": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/readiness/": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/readiness/<id:pk>/": {"GET": IMPACT_OWN_REP, "POST": SIGNED_IN_405},
    "impact/readiness.csv": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/readiness/formula/": {"GET": IMPACT_ADMINS, "POST": IMPACT_ADMINS_400},
    "impact/trends/": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/trends.csv": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/struggling/": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/struggling.csv": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/struggling/<id:pk>/nudge/": {"GET": SIGNED_IN_405, "POST": IMPACT_NUDGE},
    "impact/completion/": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/completion.csv": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/certified/": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/certified.csv": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/tiers/": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "impact/tiers.csv": {"GET": IMPACT_READERS, "POST": SIGNED_IN_405},
    "tiers/export.csv": {"GET": MANAGERS_AND_ADMINS, "POST": SIGNED_IN_405},
    "attempts/<id:pk>/": {"GET": OWN_ATTEMPT, "POST": OWN_ATTEMPT_SAVE},
    "attempts/<id:pk>/answers/": {"GET": SIGNED_IN_405, "POST": OWN_ATTEMPT},
    "attempts/<id:pk>/result/": {"GET": REP_RESULT, "POST": SIGNED_IN_405},
    # Admin forms: an empty POST comes back with its errors and changes nothing.
    "admin/questions/import/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/questions/imports/<id:pk>/": {"GET": ADMIN_ONLY},
    "admin/questions/imports/<id:pk>/progress/": {"GET": ADMIN_ONLY},
    "admin/quizzes/item-analysis/": {"GET": ADMIN_ONLY},
    "admin/assignments/new/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/notifications/defaults/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/levels/recertify/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/awards/grant/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/awards/<id:pk>/revoke/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/deals/import/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/deals/imports/<id:pk>/": {"GET": ADMIN_ONLY},
    "admin/deals/imports/<id:pk>/progress/": {"GET": ADMIN_ONLY},
    "admin/evaluations/<id:pk>/panel/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/evaluations/<id:pk>/moderate/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/evaluations/calibration/": {"GET": ADMIN_ONLY},
    # The guide editor posts its form for the preview of each pattern of scores; it saves nothing.
    "admin/guides/score-preview/": {"GET": {**ADMIN_ONLY, "admin": "405"}, "POST": ADMIN_ONLY},
    "admin/reach/": {"GET": ADMIN_ONLY},
    "admin/reach/results/": {"GET": ADMIN_ONLY},
    "admin/reach/<id:pk>/": {"GET": ADMIN_ONLY},
    "admin/reach/<id:pk>/results/": {"GET": ADMIN_ONLY},
    "admin/people/<id:user_id>/invite/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY_DONE},
    # Webhooks: an empty form comes back with what is missing; rotating a secret and sending again take a POST.
    "admin/webhooks/": {"GET": ADMIN_ONLY},
    "admin/webhooks/new/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/webhooks/<id:pk>/": {"GET": ADMIN_ONLY},
    "admin/webhooks/<id:pk>/edit/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "admin/webhooks/<id:pk>/secret/": {"GET": {**ADMIN_ONLY, "admin": "405"}, "POST": ADMIN_ONLY_DONE},
    "admin/webhooks/<id:pk>/deliveries/<uuid:delivery_id>/resend/": {
        "GET": {**ADMIN_ONLY, "admin": "405"},
        "POST": ADMIN_ONLY_DONE,
    },
    # An empty POST comes back with what is missing; nothing is imported.
    "admin/people/start-dates/import/": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "documents/^(\\d+)/(.*)$": {"GET": SIGNED_IN_OK},
    # Wagtail's password-protected documents and pages: not used, so nothing is found.
    "documents/authenticate_with_password/<int:restriction_id>/": {"GET": EVERYONE_404, "POST": EVERYONE_404},
    "learn/_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": {
        "GET": EVERYONE_404,
        "POST": EVERYONE_404,
    },
    # Wagtail's own password forms would skip two-factor authentication: both go to the one sign-in page.
    "learn/_util/login/": {"GET": TO_SIGN_IN, "POST": TO_SIGN_IN},
    "admin/login/": {"GET": ADMIN_AREA_SIGN_IN, "POST": ADMIN_AREA_SIGN_IN},
    "media/<path:path>": {"GET": SIGNED_IN_OK},
    # The site's icon: anyone, signed in or not, is sent on to the static file.
    "favicon.ico": {"GET": EVERYONE_DONE, "POST": EVERYONE_405},
}

# Each Wagtail page type in the demo tree: read by anyone signed in, never posted to.
PAGE_TYPES = {
    "content.ContentIndexPage": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405, "PUT": SIGNED_IN_405, "DELETE": SIGNED_IN_405},
    "content.ArticlePage": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405, "PUT": SIGNED_IN_405, "DELETE": SIGNED_IN_405},
    "content.PlaybookPage": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405, "PUT": SIGNED_IN_405, "DELETE": SIGNED_IN_405},
    "content.CaseStudyPage": {"GET": SIGNED_IN_OK, "POST": SIGNED_IN_405, "PUT": SIGNED_IN_405, "DELETE": SIGNED_IN_405},
}

# Groups of third-party routes, by prefix. Every route under the prefix is tried
# (with placeholder arguments) by the visitors named here; the admin pages an
# enablement admin uses are tried by them in ADMIN_PAGES below.
GROUPS = {
    # The Wagtail admin: enablement admins only; everyone else is refused.
    "admin/": {"anonymous": "login", "rep": "403", "judge": "403", "manager": "403"},
    # Django's own admin: superusers only (enablement admins work in the Wagtail admin).
    # Followed through its redirects: a signed-in person who is not staff ends on a refusal.
    "django-admin/": {"anonymous": "login", "rep": "403", "admin": "403"},
}

# allauth: the entrance pages are public; the account pages need a signed-in person.
ALLAUTH_PUBLIC = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_login_code_confirm",
    "account_request_login_code",
    "account_logout",
    "socialaccount_login_cancelled",
    "saml_acs",
    "saml_finish_acs",
    "saml_sls",
    "saml_metadata",
    "saml_login",
    "openid_connect_login",
    "openid_connect_callback",
}
# Steps inside a sign-in in progress (a code, a second factor, an SSO sign-up): with
# no sign-in under way they send the visitor back to the start.
ALLAUTH_LOGIN_STAGE = {
    "account_reauthenticate",
    "account_confirm_login_code",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_trust",
    "socialaccount_login_error",
    "socialaccount_signup",
    "accounts/login/code/confirm/",
    "accounts/social/login/cancelled/",
    "accounts/social/login/error/",
    "accounts/social/signup/",
    "accounts/3rdparty/login/error/",
    "accounts/3rdparty/signup/",
}
ALLAUTH_SIGNED_IN = {
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "socialaccount_connections",
    "accounts/social/connections/",
}

# Key Wagtail admin pages an enablement admin works in (each must answer 200).
ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/users/new/",
    "/admin/snippets/certify/team/",
    "/admin/snippets/content/product/",
    "/admin/snippets/certify/tip/",
    "/admin/snippets/content/buyingstage/",
    "/admin/reach/",
    "/admin/webhooks/",
    "/admin/documents/",
    "/admin/snippets/certify/certification/",
    "/admin/snippets/certify/certification/add/",
    "/admin/snippets/certify/assignment/",
    "/admin/snippets/certify/award/",
    "/admin/settings/certify/issuersettings/",  # redirects to the one row's edit page
    "/admin/snippets/assessments/quiz/",
    "/admin/snippets/assessments/quiz/add/",
    "/admin/snippets/assessments/questionbank/",
    "/admin/snippets/assessments/question/",
    "/admin/snippets/assessments/question/add/",
    "/admin/questions/import/",
    "/admin/quizzes/item-analysis/",
    "/admin/assignments/new/",
    "/admin/awards/grant/",
    "/admin/snippets/certify/tier/",
    "/admin/snippets/certify/tier/add/",
    "/admin/snippets/certify/deal/",
    "/admin/deals/import/",
    "/admin/people/start-dates/import/",
    "/admin/notifications/defaults/",
    "/admin/levels/recertify/",
    "/admin/snippets/assessments/assessmentguide/",
    "/admin/snippets/assessments/assessmentguide/add/",
    "/admin/snippets/assessments/roleplayscenario/",
    "/admin/snippets/assessments/roleplayscenario/add/",
    "/admin/snippets/assessments/evaluation/",
    "/admin/evaluations/calibration/",
]
