"""What the assessments app does at the Wagtail admin's hooks (registered in assessments/wagtail_hooks.py)."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse

from ..models import AssessmentGuide, GuideVersion, RolePlayScenario


def keep_guides_and_scenarios_in_use(request, instances):
    """A guide or role-play an evaluation was scored with stays, as does one a certification level (or, for a
    guide, a role-play) uses. Deleting it would fail on the protected records, or leave a level without its role-play.

    A guide nobody used goes with its (unused) versions; otherwise the admin is told why it stays.
    """
    instances = instances if isinstance(instances, list) else [instances]
    guides = [instance for instance in instances if isinstance(instance, AssessmentGuide)]
    scenarios = [instance for instance in instances if isinstance(instance, RolePlayScenario)]
    if not guides and not scenarios:
        return None
    used = Q(versions__evaluations__isnull=False) | Q(scenarios__isnull=False) | Q(certification_levels__isnull=False)
    guides_in_use = AssessmentGuide.objects.filter(used, pk__in=[guide.pk for guide in guides]).distinct()
    scenarios_in_use = RolePlayScenario.objects.filter(
        Q(evaluations__isnull=False) | Q(certification_levels__isnull=False), pk__in=[s.pk for s in scenarios]
    ).distinct()
    kept = [str(item) for item in [*guides_in_use, *scenarios_in_use]]
    if kept:
        messages.error(
            request,
            f"{', '.join(kept)} cannot be deleted: evaluations, role-plays or certification levels use "
            "it, and their records must keep it. Mark a role-play inactive, or edit the guide instead: a guide "
            "already used to score gets a new version.",
        )
        model = AssessmentGuide if guides else RolePlayScenario
        return redirect(reverse(f"wagtailsnippets_assessments_{model._meta.model_name}:list"))
    GuideVersion.objects.filter(guide__in=guides).delete()
    return None
