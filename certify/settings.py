"""Settings for Certifiable, read from environment variables.

Every value a deployment changes comes from the environment; the defaults give a
working single-machine setup (SQLite, django-q2's ORM broker, local media).
The README lists each variable.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CERTIFY_VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY and sys.argv[1:2] == ["makemigrations"]:
    # Writing or checking migrations signs nothing: a throwaway key lets it run anywhere.
    SECRET_KEY = secrets.token_urlsafe(50)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "local-development-only-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "certify",
    "content",
    "assessments",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "certify.apps.CertifyUsersConfig",  # wagtail.users, with the person's own fields
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "django_q",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "certify.middleware.ContentSecurityPolicyMiddleware",
    "certify.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "certify.middleware.TimeZoneMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "certify.middleware.RequireMFAMiddleware",
    "certify.middleware.AdminAreaMiddleware",
    "certify.middleware.PrivateResultsMiddleware",
]

ROOT_URLCONF = "certify.urls"
WSGI_APPLICATION = "certify.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "certify.context_processors.navigation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL picks the database; the default is a SQLite file tuned so that
# django-q2's ORM broker and the web process can write side by side.
SQLITE_PATH = VAR_DIR / "certify.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if env("CONN_MAX_AGE") is None else env_int("CONN_MAX_AGE", 0)
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "certify.User"

# --- Accounts -------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "certify:home"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"

ACCOUNT_ADAPTER = "certify.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "certify.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Certifiable] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed sign-ins (password, and the second-factor code, keyed per person): 10 a minute from one
# address, 5 in 5 minutes for one account. Counted in the shared cache (CACHES), so they hold across
# processes. allauth merges this with its defaults; False (the test settings) turns every limit off.
ACCOUNT_RATE_LIMITS = False if env_bool("DISABLE_RATE_LIMITS") else {
    "login_failed": "10/m/ip,5/5m/key",
}
# How many proxies of ours stand in front of the web processes and append to X-Forwarded-For: the
# per-address limit counts the address the outermost one saw. 0 (the default) ignores the header,
# which a client can write itself; behind one proxy every person would then share its address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", "Certifiable")
# Roles whose members must have two-factor authentication before they can use the site.
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES", "enablement_admin")

# A person who signs in through the company's identity provider for the first
# time gets an account only when this is on; otherwise they must be invited.
SSO_AUTO_PROVISION = env_bool("SSO_AUTO_PROVISION", False)
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS = {}

if env("OIDC_SERVER_URL"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": env("OIDC_PROVIDER_ID", "company"),
                "name": env("OIDC_NAME", "Company sign-in"),
                "client_id": env("OIDC_CLIENT_ID", ""),
                "secret": env("OIDC_CLIENT_SECRET", ""),
                "settings": {"server_url": env("OIDC_SERVER_URL")},
            }
        ],
    }

if env("SAML_IDP_ENTITY_ID"):
    SOCIALACCOUNT_PROVIDERS["saml"] = {
        "APPS": [
            {
                "name": env("SAML_NAME", "Company SAML sign-in"),
                "provider_id": env("SAML_IDP_ENTITY_ID"),
                "client_id": env("SAML_ORGANIZATION", "company"),
                "settings": {
                    "attribute_mapping": {
                        "uid": env("SAML_ATTR_UID", "http://schemas.auth0.com/clientID"),
                        "email": env(
                            "SAML_ATTR_EMAIL",
                            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
                        ),
                        "email_verified": env("SAML_ATTR_EMAIL_VERIFIED", "email_verified"),
                        "first_name": env(
                            "SAML_ATTR_FIRST_NAME",
                            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
                        ),
                        "last_name": env(
                            "SAML_ATTR_LAST_NAME",
                            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
                        ),
                    },
                    "idp": {
                        "entity_id": env("SAML_IDP_ENTITY_ID"),
                        "metadata_url": env("SAML_IDP_METADATA_URL"),
                        "sso_url": env("SAML_IDP_SSO_URL"),
                        "slo_url": env("SAML_IDP_SLO_URL"),
                        "x509cert": env("SAML_IDP_X509CERT"),
                    },
                    "sp": {"entity_id": env("SAML_SP_ENTITY_ID", "")} if env("SAML_SP_ENTITY_ID") else {},
                },
            }
        ]
    }
    # Drop unset IdP keys so allauth falls back to metadata where given.
    _idp = SOCIALACCOUNT_PROVIDERS["saml"]["APPS"][0]["settings"]["idp"]
    for _key in [k for k, v in _idp.items() if not v]:
        del _idp[_key]

# --- Email ----------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Certifiable <certifiable@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
# Views of one page by one person within this many seconds count as one visit in reach.
REACH_VISIT_SECONDS = env_int("REACH_VISIT_SECONDS", 1800)
# Answers still on their way when a quiz's time runs out count for this many seconds.
QUIZ_DEADLINE_GRACE_SECONDS = env_int("QUIZ_DEADLINE_GRACE_SECONDS", 30)
# The largest role-play recording a rep may upload, in megabytes.
EVALUATION_RECORDING_MAX_MB = env_int("EVALUATION_RECORDING_MAX_MB", 500)

# Credentials (certificates, public verification, Open Badges): the key that signs them, a private P-256 key as
# PEM or JWK JSON. Unset: a key is made in the private storage on first use (`manage.py credential_key_rotate`
# adds a new one; older keys stay published so credentials they signed still verify).
CREDENTIAL_SIGNING_KEY = env("CREDENTIAL_SIGNING_KEY", "")
# How many public verification pages one address may open a minute (0: no limit).
VERIFICATION_RATE_LIMIT = env_int("VERIFICATION_RATE_LIMIT", 0 if env_bool("DISABLE_RATE_LIMITS") else 30)

# Impact figures: a comparison between two groups of reps is shown only when each group has at least this many
# reps (smaller groups say nothing reliable and could single a person out); money figures count in this currency.
IMPACT_MIN_GROUP = env_int("IMPACT_MIN_GROUP", 5)
IMPACT_CURRENCY = env("IMPACT_CURRENCY", "USD").upper()[:3]
# A rep is nudged about one overdue level at most once in this many days (a second nudge is refused).
IMPACT_NUDGE_DAYS = max(1, env_int("IMPACT_NUDGE_DAYS", 7))

# Outgoing webhooks: how long one POST to an endpoint may take before it counts as failed (and is retried).
WEBHOOK_TIMEOUT_SECONDS = min(30, max(1, env_int("WEBHOOK_TIMEOUT_SECONDS", 5)))

# --- Background work (django-q2) ------------------------------------------------
Q_CLUSTER = {
    "name": "certify",
    "workers": env_int("Q_WORKERS", 2),
    "timeout": env_int("Q_TIMEOUT", 120),
    "retry": env_int("Q_RETRY", 180),
    "max_attempts": env_int("Q_MAX_ATTEMPTS", 3),
    "queue_limit": 50,
    "bulk": 10,
    "catch_up": False,
    "sync": env_bool("Q_SYNC", False),
    "label": "Background tasks",
}
# A question file with more questions than this is imported by a background task while the page shows progress,
# and a deals export with more closed-won rows than this.
QUESTION_IMPORT_BACKGROUND_OVER = env_int("QUESTION_IMPORT_BACKGROUND_OVER", 200)
DEAL_IMPORT_BACKGROUND_OVER = env_int("DEAL_IMPORT_BACKGROUND_OVER", 1000)
if env("Q_REDIS_URL"):
    Q_CLUSTER["redis"] = env("Q_REDIS_URL")
else:
    Q_CLUSTER["orm"] = "default"

# --- Static and media -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))

PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", VAR_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Recordings of assessments: outside MEDIA_ROOT, streamed only through views that check who is asking.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if env("MEDIA_S3_BUCKET"):
    # Media on object storage (S3 or a compatible service); install the "s3" extra.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("MEDIA_S3_BUCKET"),
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env("MEDIA_S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "private"},
    }

# --- Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Certifiable"
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "content.rich_text.LabelledDraftailRichTextArea"}}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "csv", "txt", "key", "png", "jpg"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# A person chooses their time zone once, on the site's settings page (certify User.time_zone); Wagtail's
# profile follows it, so the admin offers no second choice of its own.
WAGTAIL_USER_TIME_ZONES = []
TAGGIT_CASE_INSENSITIVE = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Internationalisation ----------------------------------------------------------
LANGUAGE_CODE = "en-gb"
# The site's zone: for people who have not chosen theirs (User.time_zone) and for background work.
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Security ------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page may be framed. Wagtail's live preview (an iframe of the admin) still works: its preview
# views answer SAMEORIGIN themselves (wagtail.utils.decorators.xframe_options_sameorigin_override).
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS")

# Content-Security-Policy (django-csp; certify.middleware picks the policy by path). The site's pages
# load scripts and styles from our own files only: no inline script, no <style> element. Inline
# style *attributes* are allowed (style-src-attr): the score and progress bars set their width from
# a number in the template; an attribute cannot run script. Videos play in their providers' frames.
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

VIDEO_FRAME_SOURCES = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The Wagtail admin and Django's admin (ADMIN_PATH_PREFIXES in certify.middleware) need more: Wagtail's
# editors write inline scripts that carry each field's id (widgets/datetime_input.html,
# panels/inline_panel.html: no hash or nonce can cover them), inline styles and <style> elements,
# show images as data: and blob: URLs, and frame the live preview.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-ancestors": [SELF],
    },
}
# Browser features no page of ours uses (recordings are uploaded as files, not captured here).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=(), browsing-topics=()"
)
if SECURE_HSTS_SECONDS and not SECURE_HSTS_PRELOAD:
    # Preload is a choice for the domain's owner, not the application.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO" if DEBUG else "WARNING")},
    "loggers": {
        "django_q": {"level": env("Q_LOG_LEVEL", "INFO"), "handlers": ["console"], "propagate": False},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# One cache shared by every web process: sign-in rate limits (allauth keeps them in the default
# cache), reach's visit window and the report caches. A table in the database by default (created by
# migration certify 0008, so `migrate` is the only setup); Redis with CACHE_REDIS_URL. Never a
# per-process memory cache: under N processes a limit of 5 would let 5 x N attempts through.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "certify_cache",
        # Past MAX_ENTRIES Django first deletes expired rows, then a third of the rest in key order
        # (rate-limit counters among them): keep the bound well above the live entries (counters
        # last minutes, visit windows REACH_VISIT_SECONDS); every write counts the table's rows.
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    }
}
if env("CACHE_REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("CACHE_REDIS_URL")}
