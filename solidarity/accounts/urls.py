from django.urls import path

from . import staff_accounts, token_views, views

urlpatterns = [
    path("", views.staff_home, name="staff-home"),
    path("login/", views.login_view, name="staff-login"),
    path("logout/", views.logout_view, name="staff-logout"),
    path("verify/", views.verify_view, name="staff-verify"),
    path("enrol/", views.enrol_view, name="staff-enrol"),
    path("sudo/", views.sudo_view, name="staff-sudo"),
    path("recovery-codes/", views.recovery_codes_view, name="staff-recovery-codes"),
    path("keys/", views.keys_view, name="staff-keys"),
    path("accounts/", staff_accounts.accounts_view, name="staff-accounts"),
    path("tokens/", token_views.token_list, name="api-tokens"),
    path("tokens/new/", token_views.token_create, name="api-token-create"),
    path("tokens/<int:pk>/revoke/", token_views.token_revoke, name="api-token-revoke"),
    path("webauthn/register/options/", views.webauthn_register_options, name="webauthn-reg-opt"),
    path("webauthn/register/", views.webauthn_register, name="webauthn-register"),
    path("webauthn/login/options/", views.webauthn_login_options, name="webauthn-login-opt"),
    path("webauthn/login/", views.webauthn_login, name="webauthn-login"),
]
