"""allauth's messages the portal's users see, marked here so they stay in our catalogue.

allauth's own Danish reads awkwardly ("Loggede succesfuldt ind med …", "Password ændret med
success."). ``locale/da`` comes first in LOCALE_PATHS, so our translation of the same msgid
wins; marking the msgids here keeps ``makemessages`` from dropping them as obsolete. Nothing
imports this module.
"""

from django.utils.translation import gettext_noop

ALLAUTH_MESSAGES = [
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    gettext_noop("Change Password"),
    gettext_noop("Forgot Password?"),
    gettext_noop("Password Reset"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an "
        "email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam "
        "folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used. "
        ' Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop("Your password is now changed."),
    gettext_noop("Password Reset Email"),
    gettext_noop("Set Password"),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop(
        "You're receiving this email because you or someone else has requested a "
        "password reset for your user account.\nIt can be safely ignored if you did not "
        "request a password reset. Click the link below to reset your password."
    ),
]
