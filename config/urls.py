from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import health, security
from portal.views import discovery
from portal.views import home as home_views
from register.forms import SignInForm
from register.views import accounts as account_views

# An address under /api/ that no route matches answers in the API's error shape.
handler404 = "api.errors.not_found_handler"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("csp-report", security.csp_report, name="csp-report"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("api.urls")),
    # For search engines, outside the languages: the sitemap lists every language's pages.
    path("robots.txt", discovery.robots_txt, name="robots"),
    path("sitemap.xml", discovery.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", discovery.sitemap_section, name="sitemap_section"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    # Before Django's own: the reset request goes through the outbox and is rate-limited, and
    # the sign-in form bounds the username before the lockout records see it.
    path(
        "accounts/password_reset/",
        account_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", home_views.home, name="home"),
    path("oversight/", include("oversight.urls")),
    path("", include("portal.urls")),
    path("", include("api.page_urls")),
    # Before register's: its workflow route would take ".../findings/" as an action.
    path("", include("compliance.urls")),
    path("", include("register.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
