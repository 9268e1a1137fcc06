import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from factory.django import DjangoModelFactory

from certify.models import Role, Team, User
from certify.services import user_set_roles

PASSWORD = "a-strong-test-password"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_roles(*default):
    """A post-generation step giving the person `roles=[...]`, or these default roles."""

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        if create:
            user_set_roles(user=obj, roles=extracted if extracted is not None else default)

    return roles


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)

    roles = with_roles()

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(user=self, email=self.email, defaults={"verified": True, "primary": True})

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(self, TOTP_SECRET)


class RepFactory(UserFactory):
    roles = with_roles(Role.REP)


class JudgeFactory(UserFactory):
    roles = with_roles(Role.JUDGE)


class ManagerFactory(UserFactory):
    roles = with_roles(Role.MANAGER)


class EnablementAdminFactory(UserFactory):
    """An enablement admin, with the authenticator app their role requires."""

    roles = with_roles(Role.ENABLEMENT_ADMIN)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTP.activate(self, TOTP_SECRET)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Team {n}")
    region = "Europe"

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)
            self.save()

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            self.managers.set(extracted)
            self.save()


class CertificationFactory(DjangoModelFactory):
    """A certification with level 1 passed by a quiz (`level1__quiz=...` or a new five-question quiz)."""

    class Meta:
        model = "certify.Certification"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Certification {n}")
    slug = factory.Sequence(lambda n: f"certification-{n}")
    topic = "Selling approach"
    description = "What every rep needs to know."
    open_to_all = True

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        """levels=N makes levels 1..N (level 1 with a quiz); validity=months for all of them.
        Level 2 gets a role-play (`levels__scenario=...` or a new one) and its guide; level 3 a field guide
        (`levels__field_guide=...`) and `levels__countersign=True` to require a second observer."""
        if not create:
            return
        from certify.models import CertificationLevel
        from tests.factories.assessments import QuizFactory

        quiz = kwargs.pop("quiz", None) or QuizFactory()
        for number in range(1, (extracted or 1) + 1):
            level = CertificationLevel.objects.create(
                certification=obj,
                number=number,
                quiz=quiz if number == 1 else None,
                validity_months=kwargs.get("validity", 12),
                sort_order=number,
            )
            if number == 2:
                from tests.factories.assessments import RolePlayScenarioFactory

                scenario = kwargs.get("scenario") or RolePlayScenarioFactory()
                level.guide = scenario.guide
                level.panel_size = kwargs.get("panel_size", 0)
                level.retry_wait_days = kwargs.get("retry_wait_days", 14)
                level.save()
                level.scenarios.add(scenario)
                level.save()
            if number == 3:
                from tests.factories.assessments import AssessmentGuideFactory

                level.guide = kwargs.get("field_guide") or AssessmentGuideFactory()
                level.countersign_required = kwargs.get("countersign", False)
                level.retry_wait_days = kwargs.get("retry_wait_days", 14)
                level.save()
