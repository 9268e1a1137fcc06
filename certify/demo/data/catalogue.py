"""The Helix Analytics catalogue: its products and the buying stages content is tagged with.

Helix Analytics is an invented B2B software company.
"""

PRODUCTS = [
    {
        "code": "PULSE",
        "name": "Pulse Revenue Insights",
        "description": (
            "Pulse Revenue Insights sits on top of the customer's CRM and turns raw opportunity data into "
            "pipeline coverage, conversion and velocity analytics that revenue leaders can trust. It flags "
            "stalled deals, slipping close dates and coverage gaps by team, segment and product, so managers "
            "coach on the right deals every week. Most customers are live on Pulse within 30 days of signature."
        ),
        "is_core": True,
    },
    {
        "code": "BEACON",
        "name": "Beacon Forecasting",
        "description": (
            "Beacon Forecasting produces an AI-assisted forecast for every deal, rep, team and quarter, and "
            "shows the drivers behind each number instead of a black-box score. Sales leaders see the Beacon "
            "call next to their reps' commit, so forecast calls become a conversation about evidence. Beacon "
            "is useful with as little as four quarters of closed-deal history."
        ),
        "is_core": True,
    },
    {
        "code": "ATLAS",
        "name": "Atlas Data Platform",
        "description": (
            "Atlas Data Platform is the connector and governance layer that Pulse and Beacon run on. It brings "
            "CRM, billing, product-usage and warehouse data together with managed connectors, shared metric "
            "definitions and full lineage, so every number in Helix traces back to its source. Atlas runs in "
            "the Helix cloud or directly inside the customer's Snowflake, BigQuery or Databricks account."
        ),
        "is_core": True,
    },
    {
        "code": "SENTINEL",
        "name": "Sentinel Access Controls",
        "description": (
            "Sentinel Access Controls adds the permissions, audit and data-residency controls that banks, "
            "insurers, healthcare providers and other regulated buyers require before revenue data leaves the "
            "CRM. It mirrors CRM role hierarchies into row- and field-level access rules, keeps a tamper-evident "
            "audit log and supports customer-managed encryption keys. Sentinel is sold as an add-on to Atlas."
        ),
        "is_core": False,
    },
]

STAGES = [
    {"slug": "prospecting", "name": "Prospecting",
     "description": "Finding accounts with a real revenue-visibility problem and earning the first conversation."},
    {"slug": "discovery", "name": "Discovery",
     "description": "Understanding the buyer's pain, its cost, who owns it and how they will decide."},
    {"slug": "demonstration", "name": "Demonstration",
     "description": "Showing the buyer their own problem solved in Helix, using their language and, ideally, their data."},
    {"slug": "objection-handling", "name": "Objection handling",
     "description": "Hearing concerns out, clarifying what sits behind them and answering with evidence."},
    {"slug": "pricing", "name": "Pricing and negotiation",
     "description": "Presenting price against agreed value and trading every concession for something in return."},
    {"slug": "executive-meeting", "name": "Executive meeting",
     "description": "Confirming priorities with the economic buyer and agreeing a mutual plan to a decision."},
    {"slug": "closing", "name": "Closing",
     "description": "Running the paper process, security review and signatures to the agreed date."},
]
