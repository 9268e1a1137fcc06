"""Where each demo question's answer is taught: question name -> slug of a demo content page.

How the slugs are derived: certify/demo.py creates every article, case study and
playbook page with ``slug=item["slug"]`` taken verbatim from certify/demo/data/playbooks.py
(ARTICLES, CASE_STUDIES, PLAYBOOKS). They are NOT generated from the title with
Wagtail's slugify, and for most pages the two differ (for example, "Top objections and
exactly what to say" is ``objection-handling-exact-wording``). Every value below is one
of those explicit slugs. The section index pages (articles, playbooks, case-studies) are
never used as study pages.
"""

STUDY_PAGES = {
    # Pulse Revenue Insights
    "PULSE-01": "helix-in-five-minutes",
    "PULSE-02": "pulse-first-call-primer",
    "PULSE-03": "pulse-first-call-primer",
    "PULSE-04": "pulse-first-call-primer",
    "PULSE-05": "pulse-first-call-primer",
    "PULSE-06": "objection-handling-exact-wording",
    "PULSE-07": "carrow-freight-replaces-quotient",
    "PULSE-08": "carrow-freight-replaces-quotient",
    "PULSE-09": "pricing-and-negotiation-guide",
    "PULSE-10": "pulse-first-call-primer",
    "PULSE-11": "brightwater-controls-land-and-expand",
    "PULSE-12": "pulse-first-call-primer",
    "PULSE-13": "objection-handling-exact-wording",
    "PULSE-14": "pricing-and-negotiation-guide",
    "PULSE-15": "carrow-freight-replaces-quotient",
    # Beacon Forecasting
    "BEACON-01": "beacon-first-call-primer",
    "BEACON-02": "beacon-first-call-primer",
    "BEACON-03": "beacon-first-call-primer",
    "BEACON-04": "beacon-first-call-primer",
    "BEACON-05": "objection-handling-exact-wording",
    "BEACON-06": "lumenfold-beacon-forecast-accuracy",
    "BEACON-07": "castlegate-insurance-broker-forecasting",
    "BEACON-08": "beacon-expansion-first-90-days",
    "BEACON-09": "beacon-expansion-first-90-days",
    "BEACON-10": "beacon-first-call-primer",
    "BEACON-11": "beacon-expansion-first-90-days",
    "BEACON-12": "battlecard-quotient-and-forecastiq",
    "BEACON-13": "objection-handling-exact-wording",
    "BEACON-14": "pricing-and-negotiation-guide",
    "BEACON-15": "lumenfold-beacon-forecast-accuracy",
    # Atlas Data Platform
    "ATLAS-01": "helix-in-five-minutes",
    "ATLAS-02": "atlas-first-call-primer",
    "ATLAS-03": "atlas-first-call-primer",
    "ATLAS-04": "atlas-first-call-primer",
    "ATLAS-05": "atlas-first-call-primer",
    "ATLAS-06": "atlas-first-call-primer",
    "ATLAS-07": "pricing-and-negotiation-guide",
    "ATLAS-08": "objection-handling-exact-wording",
    "ATLAS-09": "battlecard-quotient-and-forecastiq",
    "ATLAS-10": "atlas-first-call-primer",
    "ATLAS-11": "st-brennan-health-commercial-analytics",
    "ATLAS-12": "atlas-first-call-primer",
    "ATLAS-13": "pricing-and-negotiation-guide",
    "ATLAS-14": "sentinel-regulated-industry-motion",
    "ATLAS-15": "helix-in-five-minutes",
    # Sentinel Access Controls
    "SENTINEL-01": "sentinel-regulated-industries-primer",
    "SENTINEL-02": "pricing-and-negotiation-guide",
    "SENTINEL-03": "sentinel-regulated-industries-primer",
    "SENTINEL-04": "sentinel-regulated-industries-primer",
    "SENTINEL-05": "sentinel-regulated-industries-primer",
    "SENTINEL-06": "sentinel-regulated-industries-primer",
    "SENTINEL-07": "sentinel-regulated-industries-primer",
    "SENTINEL-08": "halverson-bank-governed-pipeline",
    "SENTINEL-09": "sentinel-regulated-industry-motion",
    "SENTINEL-10": "sentinel-regulated-industries-primer",
    "SENTINEL-11": "halverson-bank-governed-pipeline",
    "SENTINEL-12": "st-brennan-health-commercial-analytics",
    "SENTINEL-13": "sentinel-regulated-industries-primer",
    "SENTINEL-14": "sentinel-regulated-industry-motion",
    "SENTINEL-15": "castlegate-insurance-broker-forecasting",
    # Selling the Helix way
    "SELL-01": "helix-in-five-minutes",
    "SELL-02": "discovery-questions-that-surface-pain",
    "SELL-03": "meddicc-qualification-at-helix",
    "SELL-04": "meddicc-qualification-at-helix",
    "SELL-05": "objection-handling-exact-wording",
    "SELL-06": "pricing-and-negotiation-guide",
    "SELL-07": "running-the-executive-meeting",
    "SELL-08": "pricing-and-negotiation-guide",
    "SELL-09": "running-the-executive-meeting",
    "SELL-10": "meddicc-qualification-at-helix",
    "SELL-11": "pricing-and-negotiation-guide",
    "SELL-12": "battlecard-quotient-and-forecastiq",
}
