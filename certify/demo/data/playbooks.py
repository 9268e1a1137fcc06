"""The demo library's playbooks: ordered steps with their sales aids (a page by slug, or a link)."""

PLAYBOOKS = [
    {
        "slug": "quotient-competitive-displacement",
        "title": "Competitive displacement of Quotient",
        "summary": "A five-step motion for replacing Quotient at renewal, built on a reconciliation demo that shows why sales and finance still disagree.",
        "products": ["PULSE", "ATLAS"],
        "stages": ["discovery", "demonstration", "objection-handling", "pricing"],
        "intro": "<p>Quotient customers rarely leave because the dashboards are poor. They leave when the numbers can't be trusted beyond the CRM. Start this motion four to six months before the Quotient renewal and lead with data trust, not features.</p>",
        "steps": [
            {
                "title": "Confirm the Quotient footprint and renewal date",
                "guidance": "<p>Before the first call, find out how many Quotient seats the account has, who owns the contract and when it renews. Ask your champion directly: “When is your Quotient renewal, and who decides whether to renew?”</p><ul><li>Renewal more than six months out: nurture and run discovery.</li><li>Under three months: escalate to your RVP to discuss the Switch Credit program.</li></ul>",
                "aids": [
                    {"title": "Quotient battlecard", "page": "battlecard-quotient-and-forecastiq"},
                    {"title": "Competitor account research checklist", "url": "https://helix.example.com/aids/competitor-account-research-checklist"},
                ],
            },
            {
                "title": "Surface the data-trust gap in discovery",
                "guidance": "<p>Focus on where Quotient's numbers stop: billing, ARR and anything outside the CRM. The key question is “When your CFO and CRO disagree on pipeline, which system settles it?” Quantify the reconciliation hours every week.</p>",
                "aids": [
                    {"title": "Discovery questions that surface real pain", "page": "discovery-questions-that-surface-pain"},
                    {"title": "Atlas technical discovery checklist", "page": "atlas-first-call-primer"},
                ],
            },
            {
                "title": "Run the side-by-side reconciliation demo",
                "guidance": "<p>With a solutions engineer, connect Atlas to the prospect's CRM and billing source in a sandbox. Show Quotient's coverage number beside the Pulse number and trace every difference to specific opportunities. Invite finance; this demo is for them as much as for sales.</p>",
                "aids": [
                    {"title": "Reconciliation demo script", "url": "https://helix.example.com/aids/reconciliation-demo-script"},
                    {"title": "Pulse first-call primer", "page": "pulse-first-call-primer"},
                ],
            },
            {
                "title": "Neutralize the switching cost",
                "guidance": "<p>The biggest objection is paying for two tools during the overlap. Offer the Switch Credit program: Helix covers up to six months of overlap through ramped pricing, approved by deal desk and always traded for a multi-year term.</p>",
                "aids": [
                    {"title": "Switch Credit program one-pager", "url": "https://helix.example.com/aids/switch-credit-program"},
                    {"title": "Pricing and negotiation guide", "page": "pricing-and-negotiation-guide"},
                ],
            },
            {
                "title": "Close with a former Quotient customer",
                "guidance": "<p>Request a reference call with a customer who switched from Quotient and is in the same industry or size band. Brief the reference on what the prospect cares about, then follow up with the signed mutual action plan within 24 hours.</p>",
                "aids": [
                    {"title": "Carrow Freight case study", "page": "carrow-freight-replaces-quotient"},
                    {"title": "Customer reference request form", "url": "https://helix.example.com/aids/reference-request-form"},
                ],
            },
        ],
    },
    {
        "slug": "beacon-expansion-first-90-days",
        "title": "First-90-days Beacon expansion",
        "summary": "How to expand a new Pulse customer to Beacon within 90 days of go-live, using a shadow forecast on their own data as the proof.",
        "products": ["BEACON", "PULSE"],
        "stages": ["discovery", "demonstration", "executive-meeting", "closing"],
        "intro": "<p>New Pulse customers are at peak trust in the first 90 days, and Pulse has just given them clean pipeline data, which is exactly what Beacon needs. This motion turns that moment into a Beacon expansion, co-termed with the Pulse contract.</p>",
        "steps": [
            {
                "title": "Days 1-30: baseline the forecast miss",
                "guidance": "<p>During Pulse onboarding, ask RevOps for the last four quarters of forecast calls at weeks 2, 6 and 10 against actuals. Calculate variance together; the number you agree becomes the Metric for the expansion.</p>",
                "aids": [
                    {"title": "Forecast accuracy baseline worksheet", "url": "https://helix.example.com/aids/forecast-baseline-worksheet"},
                    {"title": "Beacon first-call primer", "page": "beacon-first-call-primer"},
                ],
            },
            {
                "title": "Days 20-45: run a shadow forecast",
                "guidance": "<p>Offer the free 30-day shadow forecast. Beacon is back-tested on the previous two quarters and then runs alongside the live quarter. Agree up front which calls you will compare and who will review them.</p>",
                "aids": [
                    {"title": "Shadow forecast request", "url": "https://helix.example.com/aids/shadow-forecast-request"},
                ],
            },
            {
                "title": "Days 45-60: review the results with the CRO",
                "guidance": "<p>Book a 30-minute executive meeting. Don't lead with the accuracy number; walk through the two or three deals that explain the gap between Beacon and the reps' commit. If ForecastIQ is being considered, address it here.</p>",
                "aids": [
                    {"title": "Running the executive meeting", "page": "running-the-executive-meeting"},
                    {"title": "Shadow forecast results template", "url": "https://helix.example.com/aids/shadow-results-template"},
                    {"title": "ForecastIQ battlecard", "page": "battlecard-quotient-and-forecastiq"},
                ],
            },
            {
                "title": "Days 60-75: build the business case",
                "guidance": "<p>Tie the baseline variance to decisions the CRO and CFO care about: hiring timing, spend release and board guidance. Confirm decision criteria and process in MEDDICC terms, and check whether finance needs to co-sign.</p>",
                "aids": [
                    {"title": "MEDDICC qualification, the Helix way", "page": "meddicc-qualification-at-helix"},
                    {"title": "Lumenfold case study", "page": "lumenfold-beacon-forecast-accuracy"},
                ],
            },
            {
                "title": "Days 75-90: co-term and close",
                "guidance": "<p>Price Beacon at the add-on rate and co-term it with the Pulse contract so there is a single renewal. If the customer wants a discount, trade it for adding the remaining Pulse users at the same time.</p>",
                "aids": [
                    {"title": "Pricing and negotiation guide", "page": "pricing-and-negotiation-guide"},
                ],
            },
        ],
    },
    {
        "slug": "sentinel-regulated-industry-motion",
        "title": "Regulated-industry Sentinel motion",
        "summary": "How to run a Helix deal with a bank, insurer or healthcare provider, bringing security and risk in early so Sentinel speeds the deal up instead of stalling it.",
        "products": ["SENTINEL", "ATLAS", "PULSE"],
        "stages": ["prospecting", "discovery", "objection-handling", "executive-meeting", "closing"],
        "intro": "<p>In regulated industries, the deal is usually won or lost in security and risk review. This motion puts that review at the start of the sale, with Sentinel and in-warehouse Atlas as the answer to the questions the CISO will ask.</p>",
        "steps": [
            {
                "title": "Identify the regulated buyer early",
                "guidance": "<p>Flag the opportunity as regulated in CRM if the account is in banking, insurance, healthcare or the public sector, or if it handles payment or patient data. Raise security yourself in the first call: “In organizations like yours, security usually has a view on tools like ours. When should we involve them?”</p>",
                "aids": [
                    {"title": "Sentinel primer: selling into regulated industries", "page": "sentinel-regulated-industries-primer"},
                ],
            },
            {
                "title": "Bring security in before the demo",
                "guidance": "<p>Ask your champion for 30 minutes with the security lead before any product demo. Send the evidence pack in advance and ask what their review involves, who signs it off and how long it normally takes.</p>",
                "aids": [
                    {"title": "Sentinel evidence pack", "url": "https://helix.example.com/aids/sentinel-evidence-pack"},
                    {"title": "Security questionnaire answer library", "url": "https://helix.example.com/aids/security-questionnaire-library"},
                ],
            },
            {
                "title": "Map data flows with the customer's architect",
                "guidance": "<p>With your solutions engineer, draw the data flow with the customer's architect: sources, where Atlas runs, which regions and who holds the keys. Let the architect own the diagram; it becomes the document security reviews.</p>",
                "aids": [
                    {"title": "Atlas first-call primer", "page": "atlas-first-call-primer"},
                    {"title": "Data-flow diagram template", "url": "https://helix.example.com/aids/data-flow-diagram-template"},
                ],
            },
            {
                "title": "Prove the access model on their hierarchy",
                "guidance": "<p>In a sandbox, import the customer's CRM role hierarchy into Sentinel and show three test users seeing exactly what the CRM lets them see, with masked fields and the audit log entry for each view.</p><ul><li>Use role names from their CRM, not demo data.</li><li>Have the security lead pick the test users.</li></ul>",
                "aids": [
                    {"title": "Sentinel proof-of-value guide", "url": "https://helix.example.com/aids/sentinel-proof-of-value"},
                    {"title": "Halverson Mutual Bank case study", "page": "halverson-bank-governed-pipeline"},
                ],
            },
            {
                "title": "Align revenue and risk sponsors",
                "guidance": "<p>Run one executive meeting with the CRO and the CISO or chief risk officer together. Agree a single mutual action plan that includes security sign-off as a dated step, not an open-ended gate.</p>",
                "aids": [
                    {"title": "Running the executive meeting", "page": "running-the-executive-meeting"},
                    {"title": "Castlegate Insurance case study", "page": "castlegate-insurance-broker-forecasting"},
                ],
            },
            {
                "title": "Navigate procurement and the DPA",
                "guidance": "<p>Send the standard DPA, and the BAA for healthcare buyers, with the proposal. Route any redlines to legal through deal desk the same day, and make sure Sentinel was in the first proposal so procurement never sees it as a late price increase.</p>",
                "aids": [
                    {"title": "Standard DPA and BAA templates", "url": "https://helix.example.com/aids/dpa-and-baa-templates"},
                    {"title": "Pricing and negotiation guide", "page": "pricing-and-negotiation-guide"},
                ],
            },
        ],
    },
]

# Tips reps share with each other: author, product, stage, page (slug or None), title, body,
# who marked it helpful, whether enablement verified it, and the reason if it was hidden.
