"""People and organisations: users, regions, workplaces and the roles that tie them together.

One user may hold several roles at once (a leader at one workplace and MED member at another,
say); each role is its own row, so roles are added and removed without touching the user.
Provider staff live in ``providers.models.ProviderStaff`` beside the providers themselves.
"""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in with an e-mail address; there is no user name."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class Region(models.Model):
    """One of the five Danish regions and the model its main committee (hovedudvalg) chose."""

    class Model(models.IntegerChoices):
        STRATEGIC = 1, _("Model 1: joint strategic effort, approved centrally")
        FREE = 2, _("Model 2: workplaces request freely")

    slug = models.SlugField(_("name in web addresses"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    model = models.PositiveSmallIntegerField(_("model"), choices=Model.choices, default=Model.FREE)
    model_decided_on = models.DateField(_("date of decision"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def needs_central_approval(self) -> bool:
        return self.model == self.Model.STRATEGIC


class FocusArea(models.Model):
    """An area a model-1 region aims its effort at; shown on the request form."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="focus_areas", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["region", "position", "pk"]

    def __str__(self):
        return self.name


class Workplace(models.Model):
    class Kind(models.TextChoices):
        HOSPITAL = "hospital", _("Hospital")
        DEPARTMENT = "department", _("Department")
        INSTITUTION = "institution", _("Institution")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="workplaces", verbose_name=_("region")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    # Optional: where known, the dashboards count the employees the offer has reached.
    employees = models.PositiveIntegerField(
        _("number of employees"),
        null=True,
        blank=True,
        help_text=_("The head count, where known; used for the reach figures."),
    )

    class Meta:
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        ordering = ["region__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "parent", "name"], name="workplace_unique_name"
            )
        ]

    def __str__(self):
        return f"{self.parent.name} – {self.name}" if self.parent_id else self.name


class Membership(models.Model):
    """A user's local role at a workplace: one side or the other of the local parties.

    A membership made by the central parties (admin, invitation) holds at once. One made
    because a local party invited the other party by e-mail waits until someone other than
    the inviter — the region's coordinator or a central party — confirms it
    (``accounts.services.membership_confirm``); until then the invited account sees only the
    request it was invited to and cannot act for the workplace. So one person with two
    accounts can never agree with themself.
    """

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        AMR = "amr", _("Safety representative (AMR)")
        TR = "tr", _("Union representative (TR)")
        MED = "med", _("MED committee member")

    MANAGEMENT_SIDE = frozenset({Role.LEADER})
    EMPLOYEE_SIDE = frozenset({Role.AMR, Role.TR})

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    workplace = models.ForeignKey(
        Workplace, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("workplace")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    invited_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, default=timezone.now)
    confirmed_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    class Meta:
        verbose_name = _("workplace membership")
        verbose_name_plural = _("workplace memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "workplace", "role"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.workplace}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RegionalCoordinator(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="coordinator_roles", verbose_name=_("user")
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="coordinators", verbose_name=_("region")
    )

    class Meta:
        verbose_name = _("regional coordinator")
        verbose_name_plural = _("regional coordinators")
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="coordinator_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.region}"


class CentralPartyMember(models.Model):
    class Party(models.TextChoices):
        DANSKE_REGIONER = "danske_regioner", _("Danske Regioner")
        FORHANDLINGSFAELLESSKABET = "forhandlingsfaellesskabet", _("Forhandlingsfællesskabet")

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="central_party", verbose_name=_("user")
    )
    party = models.CharField(_("party"), max_length=30, choices=Party.choices)

    class Meta:
        verbose_name = _("central-party member")
        verbose_name_plural = _("central-party members")

    def __str__(self):
        return f"{self.user} – {self.get_party_display()}"


class MailDelivery(models.Model):
    """What every stored e-mail shares: tries with backoff, and a failure that is shown.

    A mail whose sending fails is tried again later (``next_attempt_at``); after
    ``MAIL_MAX_ATTEMPTS`` it is marked failed and listed for the central parties, who can
    send it again. A failing mail never blocks the others (``accounts.mail``).
    """

    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Set by the sender that took the mail (a compare-and-set that holds on every database).
    claimed_at = models.DateTimeField(_("being sent since"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        abstract = True


class Notification(MailDelivery):
    """A message to one user, shown under the bell and sent by e-mail.

    ``key`` is unique: whoever creates a notification names it (deadline, stage, user), so the
    same reminder can never be stored, or sent, twice — even when two jobs race.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    key = models.CharField(_("key"), max_length=200, unique=True)
    # Danish, like the e-mail; the English the bell shows on English pages beside it.
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=300, blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    url = models.CharField(_("web address"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("sent by e-mail"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.subject

    def _english(self) -> bool:
        return bool(self.subject_en) and (get_language() or "da").startswith("en")

    @property
    def shown_subject(self) -> str:
        """The subject in the reader's language (QA: the bell was Danish on English pages)."""
        return self.subject_en if self._english() else self.subject

    @property
    def shown_body(self) -> str:
        return self.body_en if self._english() else self.body


class OutgoingMail(MailDelivery):
    """The outbox: every e-mail is stored in the transaction of the change it tells about,
    and a periodic task sends what is unsent. A broker or SMTP outage delays mail; it never
    loses it.

    Most mails are written out when stored (``recipients``, ``subject``, ``body``). A mail
    about something another app knows better (``kind`` "request_event") names its source
    and is written out when sent, by the renderer that app registered (``accounts.mail``).
    """

    kind = models.CharField(_("kind"), max_length=40)
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                name="outbox_pending_idx",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self):
        return self.subject or f"{self.kind} {self.source_id}"


class RoleChange(models.Model):
    """Audit log of roles: one row each time a role is granted to or revoked from a user.

    Append-only; written by ``accounts.services.role_change_log`` from the admin and from
    invitations. ``role_key`` names the role independently of its row (``membership:<workplace
    id>:<role>``, ``coordinator:<region id>``, ``central``, ``provider:<provider id>``), so a
    revocation and a later grant of the same role can be matched.
    """

    class Kind(models.TextChoices):
        MEMBERSHIP = "membership", _("Workplace membership")
        COORDINATOR = "coordinator", _("Regional coordinator")
        CENTRAL = "central", _("Central party")
        PROVIDER = "provider", _("Provider staff")

    class Action(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REVOKED = "revoked", _("Revoked")

    # PROTECT: an audit log outlives neither its actor nor its subject; users are deactivated.
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_changes_made",
        verbose_name=_("changed by"),
    )
    subject = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="role_changes", verbose_name=_("user")
    )
    kind = models.CharField(_("kind of role"), max_length=20, choices=Kind.choices)
    role_key = models.CharField(_("role key"), max_length=100)
    description = models.CharField(_("role"), max_length=300)
    action = models.CharField(_("change"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject", "role_key"])]

    def __str__(self):
        return f"{self.subject}: {self.get_action_display()} {self.description}"
