from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CertifyConfig(AppConfig):
    name = "certify"
    verbose_name = "Certification"

    def ready(self):
        from .roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="certify.ensure_role_groups")
