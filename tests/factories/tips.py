import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from certify.models import Tip, TipHelpfulMark


class TipFactory(DjangoModelFactory):
    class Meta:
        model = Tip

    author = factory.SubFactory("tests.factories.certify.RepFactory")
    title = factory.Sequence(lambda n: f"Tip number {n}")
    body = "Ask what the last forecast miss cost them."
    product = factory.SubFactory("tests.factories.content.ProductFactory")
    stage = factory.SubFactory("tests.factories.content.BuyingStageFactory")

    class Params:
        hidden = factory.Trait(hidden_at=factory.LazyFunction(timezone.now), hidden_reason="Off topic.")
        verified = factory.Trait(verified_at=factory.LazyFunction(timezone.now))


class HelpfulMarkFactory(DjangoModelFactory):
    class Meta:
        model = TipHelpfulMark

    tip = factory.SubFactory(TipFactory)
    user = factory.SubFactory("tests.factories.certify.RepFactory")
