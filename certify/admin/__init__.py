"""The certify app in the Wagtail admin: its views (`views`, `reach`), listings (`viewsets`), URLs and hook bodies."""
