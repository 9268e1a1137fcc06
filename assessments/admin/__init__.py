"""The instruments in the Wagtail admin: views, listings (`viewsets`), URLs and hook bodies."""
