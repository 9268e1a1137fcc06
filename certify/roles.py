"""The role groups and what each may do in the Wagtail admin.

Roles are Django groups, so enablement admins grant them in the Wagtail admin's
user editor. The groups and their permissions are put in place after every
migrate (permissions only exist once all apps have migrated).
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .models import Role

# (app_label, model) pairs enablement admins manage fully, plus the admin's own access.
ENABLEMENT_ADMIN_MODELS = [
    ("certify", "user"),
    ("certify", "team"),
    ("content", "product"),
    ("content", "buyingstage"),
    ("certify", "certification"),
    ("certify", "tier"),
    ("assessments", "quiz"),
    ("assessments", "questionbank"),
    ("assessments", "question"),
    ("assessments", "assessmentguide"),
    ("assessments", "roleplayscenario"),
    ("wagtaildocs", "document"),
    ("wagtailimages", "image"),
]
ENABLEMENT_ADMIN_EXTRA = [
    ("wagtailadmin", "access_admin"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "choose_image"),
    ("auth", "view_group"),
    ("certify", "view_tip"),
    ("certify", "view_assignment"),
    ("certify", "delete_assignment"),
    ("certify", "view_award"),
    ("certify", "change_issuersettings"),
    ("certify", "view_deal"),
    ("assessments", "view_evaluation"),
    ("assessments", "assign_panel"),
    ("assessments", "moderate_evaluation"),
]


def ensure_role_groups(sender=None, apps=global_apps, **kwargs):
    # Run once, after the last app's post_migrate: only then do all permissions exist.
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if sender is not None and sender.label != with_models[-1].label:
        return
    groups = {role: Group.objects.get_or_create(name=role.label)[0] for role in Role}
    admin_group = groups[Role.ENABLEMENT_ADMIN]
    model_q = Q()
    for app_label, model in ENABLEMENT_ADMIN_MODELS:
        model_q |= Q(content_type__app_label=app_label, content_type__model=model)
    extra_q = Q()
    for app_label, codename in ENABLEMENT_ADMIN_EXTRA:
        extra_q |= Q(content_type__app_label=app_label, codename=codename)
    admin_group.permissions.add(*Permission.objects.filter(model_q | extra_q))
    _grant_page_permissions(admin_group)


def _grant_page_permissions(group):
    """Enablement admins author every page of the hub."""
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Collection

    root = Page.get_first_root_node()
    if root is not None:
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page", "delete_page"):
            permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
            if permission:
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, codenames in (
            ("wagtaildocs", ("add_document", "change_document", "delete_document", "choose_document")),
            ("wagtailimages", ("add_image", "change_image", "delete_image", "choose_image")),
        ):
            for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
