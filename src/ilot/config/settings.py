"""Django settings for Ilot. Every value comes from the environment through `env.py`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from ilot.config.env import env_bool, env_int, env_list, env_str, parse_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(env_str("ILOT_BASE_DIR", str(Path.cwd())))
DATA_DIR = Path(env_str("ILOT_DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("ILOT_DEBUG", False)
TESTING = "pytest" in sys.modules or env_bool("ILOT_TESTING", False)

SECRET_KEY = env_str("ILOT_SECRET_KEY")
if not SECRET_KEY:
    if TESTING:
        SECRET_KEY = "insecure-test-key-never-use-in-production"  # noqa: S105
    else:
        # A single-machine install keeps its own random key in the data directory (created
        # once, readable by the service user only), so commands work from a fresh clone; a
        # deployment with several machines sets ILOT_SECRET_KEY for all of them.
        from ilot.config.env import persistent_secret

        SECRET_KEY = persistent_secret(DATA_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ILOT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("ILOT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ilot.core",
    "ilot.tenancy",
    "ilot.audit",
    "ilot.dossiers",
    "ilot.documents",
    "ilot.docai",
    "ilot.workflows",
    "ilot.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ilot.tenancy.middleware.ApiTokenAuthenticationMiddleware",
    "ilot.tenancy.middleware.SessionSecurityMiddleware",
    "ilot.core.middleware.ActorTransactionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ilot.config.urls"
WSGI_APPLICATION = "ilot.config.wsgi.application"
ASGI_APPLICATION = "ilot.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ilot.web.context_processors.shell",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# ILOT_DATABASE_URL is the application's connection. On PostgreSQL it must be a role that
# neither owns the tables nor bypasses row-level security; migrations run with
# ILOT_DATABASE_OWNER_URL (the owner role) through `ilot migrate`.
DATABASE_URL = env_str("ILOT_DATABASE_URL", f"sqlite:////{DATA_DIR}/ilot.sqlite3")
DATABASE_OWNER_URL = env_str("ILOT_DATABASE_OWNER_URL", "")
DATABASE_APP_ROLE = env_str("ILOT_DATABASE_APP_ROLE", "ilot_app")
_default_db = parse_database_url(DATABASE_URL, base_dir=BASE_DIR).as_django()
DATABASES: dict[str, dict[str, object]] = {"default": _default_db}
if DATABASE_OWNER_URL:
    DATABASES["owner"] = parse_database_url(DATABASE_OWNER_URL, base_dir=BASE_DIR).as_django()
if TESTING and env_str("ILOT_TEST_DB", "sqlite") == "postgres":
    # The test harness points `default` at the app role and `owner` at the migration role of a
    # test server (ILOT_TEST_DATABASE_URL, or a throwaway cluster it starts).
    from ilot.testing.postgres import APP_ROLE, database_settings

    DATABASES = database_settings()
    DATABASE_APP_ROLE = APP_ROLE
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication and sessions ----------------------------------------------------------
AUTH_USER_MODEL = "tenancy.User"
AUTHENTICATION_BACKENDS = ["ilot.tenancy.auth.EmailBackend"]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING
    else [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ILOT_LOCKOUT_THRESHOLD = env_int("ILOT_LOCKOUT_THRESHOLD", 5)
ILOT_LOCKOUT_MINUTES = env_int("ILOT_LOCKOUT_MINUTES", 15)
ILOT_API_TOKEN_DAYS = env_int("ILOT_API_TOKEN_DAYS", 30)

SECURE = env_bool("ILOT_SECURE_COOKIES", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("ILOT_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
ILOT_SESSION_IDLE_MINUTES = env_int("ILOT_SESSION_IDLE_MINUTES", 30)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("ILOT_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("ILOT_HSTS_SECONDS", 0)
if env_bool("ILOT_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict CSP: everything from this origin, nothing inline, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Request bodies: JSON API payloads are small; uploads have their own streaming path.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("ILOT_MAX_REQUEST_BYTES", 2 * 1024 * 1024)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "fr"
# Native names: a user looks for their own language in the list, whatever the UI shows now.
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static files and storage ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = Path(env_str("ILOT_STORAGE_DIR", str(DATA_DIR / "storage")))
STORAGE_BACKEND = env_str("ILOT_STORAGE_BACKEND", "local")
_storage_options: dict[str, object]
if STORAGE_BACKEND == "s3":
    _blob_backend = "storages.backends.s3.S3Storage"
    _storage_options = {
        "bucket_name": env_str("ILOT_S3_BUCKET"),
        "endpoint_url": env_str("ILOT_S3_ENDPOINT_URL") or None,
        "region_name": env_str("ILOT_S3_REGION") or None,
        "access_key": env_str("ILOT_S3_ACCESS_KEY") or None,
        "secret_key": env_str("ILOT_S3_SECRET_KEY") or None,
        "default_acl": None,
        "file_overwrite": False,
    }
elif STORAGE_BACKEND == "local":
    _blob_backend = "django.core.files.storage.FileSystemStorage"
    _storage_options = {"location": str(MEDIA_ROOT), "base_url": None}
else:
    raise ImproperlyConfigured("ILOT_STORAGE_BACKEND must be 'local' or 's3'")
STORAGES = {
    "default": {"BACKEND": _blob_backend, "OPTIONS": _storage_options},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("ILOT_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(DATA_DIR / "mail")
EMAIL_HOST = env_str("ILOT_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("ILOT_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("ILOT_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("ILOT_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("ILOT_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("ILOT_EMAIL_FROM", "Ilot <no-reply@ilot.local>")
ILOT_BASE_URL = env_str("ILOT_BASE_URL", "http://127.0.0.1:8000")

# --- Background work ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("ILOT_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("ILOT_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Document AI ----------------------------------------------------------------------------
# Registered model artefacts are copied here, so an active version survives upgrades.
ILOT_DOCAI_MODELS_DIR = Path(env_str("ILOT_DOCAI_MODELS_DIR", str(DATA_DIR / "models")))
# Off by default: one client's corrections never train a model used for another client.
ILOT_DOCAI_POOL_CORRECTIONS = env_bool("ILOT_DOCAI_POOL_CORRECTIONS", False)

# --- Encryption at rest of stored secrets (ilot.core.crypto) ---------------------------------
# Comma-separated Fernet keys, the first one encrypting; empty = derived from the secret key.
ILOT_FIELD_KEYS = env_list("ILOT_FIELD_KEYS", [])
