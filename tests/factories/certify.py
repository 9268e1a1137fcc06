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
        """levels=N makes levels 1..N (level 1 with a quiz; levels=0, none); validity=months for all of them.
        Level 2 gets a role-play (`levels__scenario=...` or a new one) and its guide; level 3 a field guide
        (`levels__field_guide=...`) and `levels__countersign=True` to require a second observer."""
        if not create:
            return
        from tests.factories.assessments import QuizFactory

        count = 1 if extracted is None else extracted
        quiz = kwargs.pop("quiz", None) or QuizFactory() if count else None
        validity = kwargs.get("validity", 12)
        retry_wait_days = kwargs.get("retry_wait_days", 14)
        for number in range(1, count + 1):
            if number == 1:
                CertificationLevelFactory(certification=obj, quiz_level=True, quiz=quiz, validity_months=validity)
            elif number == 2:
                chosen = {"scenario": kwargs["scenario"]} if kwargs.get("scenario") else {}
                CertificationLevelFactory(
                    certification=obj, role_play=True, validity_months=validity, retry_wait_days=retry_wait_days,
                    panel_size=kwargs.get("panel_size", 0), **chosen,
                )  # fmt: skip
            elif number == 3:
                chosen = {"guide": kwargs["field_guide"]} if kwargs.get("field_guide") else {}
                CertificationLevelFactory(
                    certification=obj, field=True, countersign=kwargs.get("countersign", False),
                    validity_months=validity, retry_wait_days=retry_wait_days, **chosen,
                )  # fmt: skip
            else:
                CertificationLevelFactory(certification=obj, number=number, validity_months=validity)


class CertificationLevelFactory(DjangoModelFactory):
    """One level of a certification (a new certification without levels unless given), by how it is passed:
    `quiz_level=True` (level 1, a new five-question quiz or `quiz=...`), `role_play=True` (level 2, a new
    role-play scenario or `scenario=...`, scored with its guide), `field=True` (level 3, observed on a real
    call with a new guide or `guide=...`) and `countersign=True` (a field level needing a second observer)."""

    class Meta:
        model = "certify.CertificationLevel"

    certification = factory.SubFactory(CertificationFactory, levels=0)
    number = 1
    validity_months = 12
    sort_order = factory.SelfAttribute("number")
    scenario = None  # a role-play scenario added to the level's scenarios

    class Params:
        quiz_level = factory.Trait(number=1, quiz=factory.SubFactory("tests.factories.assessments.QuizFactory"))
        role_play = factory.Trait(
            number=2,
            scenario=factory.SubFactory("tests.factories.assessments.RolePlayScenarioFactory"),
            guide=factory.SelfAttribute("scenario.guide"),
            retry_wait_days=14,
        )
        field = factory.Trait(
            number=3,
            guide=factory.SubFactory("tests.factories.assessments.AssessmentGuideFactory"),
            retry_wait_days=14,
        )
        countersign = factory.Trait(field=True, countersign_required=True)

    @classmethod
    def _create(cls, model_class, *args, scenario=None, **kwargs):
        level = super()._create(model_class, *args, **kwargs)
        if scenario is not None:
            level.scenarios.add(scenario)
            level.save()
        return level
