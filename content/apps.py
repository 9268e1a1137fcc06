from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Content hub"

    def ready(self):
        from .ids import register_id_converter

        register_id_converter()  # `<id:pk>` in every app's URLs: see content/ids.py
