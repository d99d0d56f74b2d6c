"""Settings, read from the environment.

KOKYBE_ENV chooses the mode: "development" (default: SQLite, DEBUG, console e-mail) or
"production" (PostgreSQL via DATABASE_URL, secure cookies, HSTS; refuses the demo's relaxed
MFA, DEBUG and a missing SECRET_KEY).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("KOKYBE_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


KOKYBE_ENV = os.environ.get("KOKYBE_ENV", "development")
if KOKYBE_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"KOKYBE_ENV must be development or production, not {KOKYBE_ENV!r}")
PRODUCTION = KOKYBE_ENV == "production"

DEBUG = env_bool("DEBUG", default=KOKYBE_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to 50 or more random characters in production.")
SECRET_KEY = SECRET_KEY or "development-only-key-" + "x" * 40

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "kokybe.accounts",
    "kokybe.core",
    "kokybe.tenancy",
    "kokybe.audit",
    "kokybe.surveys",
    "kokybe.assessments",
    "kokybe.improvement",
    "kokybe.proposals",
    "kokybe.nonconformities",
    "kokybe.competence",
    "kokybe.knowledge",
    "kokybe.catalogue",
    "kokybe.inquiries",
    "kokybe.eventlogs",
    "kokybe.clients",
    "kokybe.casework",
    "kokybe.individualplans",
    "kokybe.appointments",
    "kokybe.outcomes",
    "kokybe.clientimports",
    "kokybe.analytics",
    "kokybe.charter",
    "kokybe.dashboards",
    "kokybe.demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "template_partials",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kokybe.accounts.middleware.IdleSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kokybe.tenancy.middleware.TenantMiddleware",
    "kokybe.accounts.middleware.RequireMultiFactorMiddleware",
]

if PRODUCTION:
    # Serves the collected, compressed and hashed static files from the app servers.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "kokybe.urls"
WSGI_APPLICATION = "kokybe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kokybe.core.context_processors.shell",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "template_partials.templatetags.partials",
                "kokybe.core.templatetags.kokybe",
            ],
        },
    }
]
FORM_RENDERER = "kokybe.core.form_renderer.FormRenderer"

# Database: SQLite file by default, anything dj-database-url reads (PostgreSQL) via DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if PRODUCTION and not DATABASE_URL:
    raise ImproperlyConfigured("Set DATABASE_URL (postgres://user:password@host:5432/name) in production.")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "kokybe.sqlite3")),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache, so that login rate limits hold across every app server.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kokybe_cache",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail login, no self sign-up (people join by invitation), MFA.
ACCOUNT_ADAPTER = "kokybe.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_CHANGE_EMAIL = False
ACCOUNT_RATE_LIMITS = {
    # Five wrong passwords for one account in five minutes lock that account out for the rest of
    # the window; one address may try twenty times a minute across accounts.
    "login_failed": "20/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_ADAPTER = "kokybe.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Kokybė"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_PASSKEY_LOGIN_ENABLED = False

# Multi-factor authentication is required for every role that can see personal data.
# KOKYBE_DEMO_RELAX_MFA lets the demo accounts in without it; production refuses it.
KOKYBE_DEMO_RELAX_MFA = env_bool("KOKYBE_DEMO_RELAX_MFA")
if PRODUCTION and KOKYBE_DEMO_RELAX_MFA:
    raise ImproperlyConfigured("KOKYBE_DEMO_RELAX_MFA is for the demo only; production refuses it.")

# Sessions end after 30 idle minutes: requests renew the expiry, at most once a minute (IdleSessionMiddleware).
KOKYBE_IDLE_TIMEOUT_MINUTES = int(os.environ.get("KOKYBE_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_COOKIE_AGE = KOKYBE_IDLE_TIMEOUT_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Languages: Lithuanian by default, Latvian and English.
LANGUAGE_CODE = "lt"
LANGUAGES = [("lt", "Lietuvių"), ("lv", "Latviešu"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "kokybe_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = "Europe/Vilnius"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# E-mail: SMTP in production (EMAIL_HOST...), the console while developing.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))  # for the file backend (staging)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
# Text messages to clients (appointment changes): a class with send(number, text) -> message id. The default
# sends nothing and writes each message to a file of its own; a municipality plugs in its SMS gateway here.
KOKYBE_SMS_BACKEND = os.environ.get("KOKYBE_SMS_BACKEND", "kokybe.appointments.sms.SmsLogFileBackend")
KOKYBE_SMS_FILE_PATH = os.environ.get("KOKYBE_SMS_FILE_PATH", str(VAR_DIR / "sms"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kokybė <noreply@kokybe.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: the database queue, worked by `manage.py db_worker` (any number of them).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "KOKYBE_TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend" if PRODUCTION else "django_tasks.backends.immediate.ImmediateBackend",
        ),
    }
}

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "kokybe.core.views.csrf_failure"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 63072000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
# Public survey forms: new answer sessions allowed per address and hour, and how many proxies of
# ours sit in front of the app (their X-Forwarded-For entries are trusted, nobody else's).
KOKYBE_SURVEY_STARTS_PER_HOUR = int(os.environ.get("KOKYBE_SURVEY_STARTS_PER_HOUR", "30"))
KOKYBE_TRUSTED_PROXIES = int(os.environ.get("KOKYBE_TRUSTED_PROXIES", "0"))

if env_bool("BEHIND_TLS_PROXY", default=PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # allauth draws the TOTP QR code as an inline data: image.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

DEFAULT_EXCEPTION_REPORTER_FILTER = "kokybe.core.logging.PersonalDataExceptionFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "kokybe.core.logging.PersonalDataLogFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The PDF library reports every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
