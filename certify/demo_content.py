"""The Helix Analytics enablement library: products, buying stages and learning content.

Helix Analytics is an invented B2B software company. Rich text values are HTML
limited to <p>, <ul>, <ol>, <li>, <b> and <i>.
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

ARTICLES = [
    {
        "slug": "helix-in-five-minutes",
        "title": "Helix in five minutes",
        "summary": "Who we are, who buys from us and why they choose us, in the version you should be able to say without slides.",
        "products": ["PULSE", "BEACON", "ATLAS", "SENTINEL"],
        "stages": ["prospecting", "discovery"],
        "body": [
            ("heading", {"text": "Who we are", "level": "h2"}),
            ("paragraph", "<p>Helix Analytics helps B2B revenue teams see their pipeline clearly and forecast it accurately. We were founded in 2016, we serve more than 1,100 customers, and our sweet spot is companies with 50 to 2,000 quota-carrying sellers whose leaders no longer trust the numbers coming out of their CRM.</p>"),
            ("heading", {"text": "What we sell", "level": "h2"}),
            ("paragraph", "<p>Think of Helix as one platform in three layers, plus an add-on for regulated buyers:</p><ul><li><b>Atlas Data Platform</b> is the foundation: connectors, shared metric definitions and lineage.</li><li><b>Pulse Revenue Insights</b> turns that data into pipeline coverage, conversion and deal-risk analytics.</li><li><b>Beacon Forecasting</b> gives an explainable AI forecast at every level, from deal to company.</li><li><b>Sentinel Access Controls</b> adds row- and field-level permissions, audit and residency for banks, insurers and healthcare.</li></ul>"),
            ("callout", {"kind": "key", "title": "The one-sentence pitch", "text": "<p>“Helix gives your revenue leaders one trusted view of pipeline and a forecast they can explain, built on the data you already have in your CRM and warehouse.”</p>"}),
            ("video", {"video": "https://www.youtube.com/watch?v=Hq3vR8nTz2k", "caption": "Our CEO, Dana Whitfield, on the problem Helix was founded to solve (4 minutes)."}),
            ("heading", {"text": "Who buys and why they choose us", "level": "h2"}),
            ("paragraph", "<p>The economic buyer is usually the CRO or VP of Sales. Your champion is most often the head of Revenue Operations, and the data or BI lead is your technical evaluator. When Sentinel is in play, add the CISO or head of risk. Customers choose us for four reasons:</p><ol><li><b>Trusted data.</b> Atlas means everyone argues about the business, not about whose spreadsheet is right.</li><li><b>An explainable forecast.</b> Beacon shows why, not just what.</li><li><b>Time to value.</b> Pulse is typically live in 30 days.</li><li><b>Their data stays theirs.</b> Atlas can run inside their own warehouse.</li></ol>"),
        ],
    },
    {
        "slug": "pulse-first-call-primer",
        "title": "Pulse first-call primer",
        "summary": "What Pulse Revenue Insights does, the signals that a prospect needs it, and the five questions and one screen that make a strong first call.",
        "products": ["PULSE"],
        "stages": ["prospecting", "discovery"],
        "body": [
            ("heading", {"text": "What Pulse does in one breath", "level": "h2"}),
            ("paragraph", "<p>Pulse reads the customer's CRM through Atlas and answers the questions a sales leader asks every Monday: <i>Do we have enough pipeline? What moved since last week? Which deals are at risk, and why?</i> It replaces the pipeline deck that RevOps rebuilds by hand with live views by team, segment, product and rep.</p>"),
            ("heading", {"text": "Signals that a prospect needs Pulse", "level": "h2"}),
            ("paragraph", "<ul><li>Pipeline reviews run from exported spreadsheets or slides.</li><li>RevOps spends a day or more each week building the same reports.</li><li>Leaders argue about the coverage ratio instead of acting on it.</li><li>The CRO cannot explain last quarter's miss beyond “deals slipped.”</li><li>A new CRO or RevOps leader has joined in the last six months.</li></ul>"),
            ("heading", {"text": "Five questions for the first call", "level": "h2"}),
            ("paragraph", "<ol><li>“Walk me through your last pipeline review. Where did the numbers come from, and how long did they take to prepare?”</li><li>“When a deal slips a quarter, how do you find out, and how late?”</li><li>“What coverage ratio do you need to hit plan, and how confident are you in today's number?”</li><li>“If your managers had two more hours a week, where would you want them spent?”</li><li>“Who else loses sleep over pipeline visibility, and what have they tried?”</li></ol>"),
            ("callout", {"kind": "tip", "title": "Show one screen, not twenty", "text": "<p>If you demo on call one, show only the <b>Pipeline Movement</b> view, filtered to a segment the prospect named. Use their words for stages and regions. One screen that mirrors their Monday meeting beats a tour of every feature.</p>"}),
            ("callout", {"kind": "warning", "title": "Don't promise custom dashboards", "text": "<p>Prospects often ask whether Pulse can reproduce a report they already have. Say “Let's look at the decision that report supports first,” and never commit to a custom build before a solutions engineer has seen the data.</p>"}),
        ],
    },
    {
        "slug": "beacon-first-call-primer",
        "title": "Beacon first-call primer",
        "summary": "How to open a forecasting conversation, who cares about the forecast, and why explainability, not raw accuracy, is how Beacon wins.",
        "products": ["BEACON"],
        "stages": ["discovery", "demonstration"],
        "body": [
            ("heading", {"text": "What Beacon does", "level": "h2"}),
            ("paragraph", "<p>Beacon scores every open deal, rolls those scores up by rep, team, segment and product, and produces a forecast for the quarter with a range. Every number comes with its <b>drivers</b>: stage age, stakeholder engagement, close-date changes, historical conversion for similar deals. Leaders see the Beacon call next to the reps' commit and can drill into every gap.</p>"),
            ("heading", {"text": "Questions that open the forecast conversation", "level": "h2"}),
            ("paragraph", "<ol><li>“How far off was your forecast at week six of last quarter, and what did that cost you?”</li><li>“When you give the board a number, how do you decide how much to haircut the reps' commit?”</li><li>“Which of your managers forecast best, and could you explain why?”</li><li>“What decisions wait on the forecast: hiring, spend, guidance to investors?”</li></ol>"),
            ("video", {"video": "https://www.youtube.com/watch?v=b7LmW4xQp9E", "caption": "Beacon in three minutes: the forecast call view and drilling from a gap into deal-level drivers."}),
            ("callout", {"kind": "key", "title": "Explainability is the wedge", "text": "<p>Every forecasting vendor claims accuracy. What a CFO or board actually needs is a number they can defend. Position Beacon as “a forecast you can explain line by line,” and let the accuracy results from our case studies support that, not lead it.</p>"}),
            ("callout", {"kind": "warning", "title": "Check the data history before you demo", "text": "<p>Beacon needs at least four quarters of closed-won and closed-lost opportunities with reliable close dates. Ask early: “How far back does your closed-deal history go, and were stages used consistently?” If the answer is under four quarters, lead with Pulse and plan Beacon for later.</p>"}),
            ("paragraph", "<p>For existing Pulse customers, Beacon is the natural next step. Use the <b>First-90-days Beacon expansion</b> playbook, which starts with a free shadow forecast on their own data.</p>"),
        ],
    },
    {
        "slug": "atlas-first-call-primer",
        "title": "Atlas first-call primer",
        "summary": "Atlas is the foundation every Helix deal runs on. Here's how to talk about connectors, governance and deployment with data and BI teams.",
        "products": ["ATLAS"],
        "stages": ["discovery", "demonstration"],
        "body": [
            ("heading", {"text": "Why Atlas comes up on every deal", "level": "h2"}),
            ("paragraph", "<p>Pulse and Beacon include <b>Atlas Essentials</b>, which connects the CRM. Atlas Standard and Enterprise add billing, product-usage and warehouse sources, shared metric definitions and lineage. The moment a prospect says “our ARR number lives in the billing system” or “the data team will want to see this,” you are selling Atlas.</p>"),
            ("heading", {"text": "Who you'll meet", "level": "h2"}),
            ("paragraph", "<p>Expect the head of data or BI, a data engineer, and often the RevOps systems owner. They are not asking whether Helix is valuable. They are asking whether it creates another copy of the data they must maintain. Your job is to show that Atlas reduces their work: one governed definition of pipeline, bookings and ARR that every tool reads from.</p>"),
            ("heading", {"text": "Technical discovery checklist", "level": "h2"}),
            ("paragraph", "<ul><li>Which CRM and edition? Any custom objects for opportunities or products?</li><li>Which warehouse, if any: Snowflake, BigQuery, Databricks, Redshift?</li><li>Where do bookings and ARR live: Stripe, Zuora, NetSuite, a spreadsheet?</li><li>Is product-usage data in the warehouse already?</li><li>Identity provider for SSO, and is SCIM provisioning required?</li><li>Any data-residency requirements (US, EU, UK, APAC)?</li></ul>"),
            ("callout", {"kind": "tip", "title": "When to bring a solutions engineer", "text": "<p>Book an SE before the second call if the prospect has more than five data sources, wants Atlas deployed inside their own warehouse, or mentions a data contract or governance program already in flight.</p>"}),
            ("callout", {"kind": "warning", "title": "Atlas is not a warehouse replacement", "text": "<p>Never position Atlas against the customer's warehouse. Say: “Atlas sits on top of the warehouse you've invested in and makes revenue data in it consistent and traceable.” Data teams that feel threatened become blockers.</p>"}),
        ],
    },
    {
        "slug": "sentinel-regulated-industries-primer",
        "title": "Sentinel primer: selling into regulated industries",
        "summary": "When Sentinel enters a deal, what security and risk reviewers will ask, and how to price and position it without slowing the core sale.",
        "products": ["SENTINEL", "ATLAS"],
        "stages": ["discovery", "objection-handling"],
        "body": [
            ("heading", {"text": "When Sentinel enters the deal", "level": "h2"}),
            ("paragraph", "<p>Sentinel is never the lead product. It enters when the buyer is a bank, insurer, healthcare provider or public-sector body, or when any buyer says “security will need to review who can see what.” Raise it yourself in discovery for those industries; it is far better than having the CISO raise it in week ten.</p>"),
            ("heading", {"text": "What the security reviewer will ask", "level": "h2"}),
            ("paragraph", "<ul><li><b>“Can a rep see another region's deals?”</b> Sentinel mirrors the CRM role hierarchy into row-level rules, so Helix never shows more than the CRM does.</li><li><b>“Can we hide deal value or customer names from some users?”</b> Yes, with field-level masking by role.</li><li><b>“Who looked at what, and when?”</b> Every view and export is written to a tamper-evident audit log that can stream to their SIEM.</li><li><b>“Where does our data live?”</b> US, EU, UK or APAC regions, or inside their own warehouse with Atlas Enterprise.</li><li><b>“Who holds the keys?”</b> Customer-managed encryption keys are supported on AWS KMS, Azure Key Vault and Google Cloud KMS.</li></ul>"),
            ("callout", {"kind": "key", "title": "Lead with the evidence pack", "text": "<p>Send the Sentinel evidence pack (SOC 2 Type II report, ISO 27001 certificate, penetration-test summary, standard DPA and pre-filled SIG Lite questionnaire) to the security team before they ask. It typically cuts security review from eight weeks to three.</p>"}),
            ("paragraph", "<p><b>Pricing:</b> Sentinel is 20% of the Atlas platform fee, with a minimum of $15,000 a year, and requires Atlas Standard or above. Quote it in the first proposal for regulated buyers; adding it late looks like a price increase.</p>"),
            ("callout", {"kind": "warning", "title": "Never claim what we don't hold", "text": "<p>We hold SOC 2 Type II and ISO 27001 and sign a HIPAA Business Associate Agreement for Sentinel customers. We are <b>not</b> FedRAMP authorized. If asked about any other framework, say “Let me confirm that with our security team in writing” and log it in the deal.</p>"}),
        ],
    },
    {
        "slug": "discovery-questions-that-surface-pain",
        "title": "Discovery questions that surface real pain",
        "summary": "A question bank for pipeline and forecasting discovery, organized from current state to impact to decision, with the follow-ups that turn complaints into numbers.",
        "products": ["PULSE", "BEACON"],
        "stages": ["discovery"],
        "body": [
            ("heading", {"text": "Discovery is for them, not for us", "level": "h2"}),
            ("paragraph", "<p>Good discovery leaves the buyer understanding their own problem better than before the call. Aim to talk for less than a third of the time, and never pitch before you can state the prospect's pain, its cost, and who owns it, in their words.</p>"),
            ("heading", {"text": "Current state", "level": "h2"}),
            ("paragraph", "<ul><li>“How do you run your weekly pipeline review today, step by step?”</li><li>“Who builds the forecast, and how many versions exist before the number goes to the CFO?”</li><li>“Which numbers do sales and finance disagree on most often?”</li><li>“What happened the last time a big deal slipped late in the quarter?”</li></ul>"),
            ("heading", {"text": "Impact", "level": "h2"}),
            ("paragraph", "<ul><li>“How many hours a week do your RevOps team and managers spend assembling pipeline data?”</li><li>“How far off was the forecast last quarter, and what did you change because of it?”</li><li>“Have you had to revise guidance to the board or investors in the past year?”</li><li>“What would a two-point improvement in win rate be worth in your plan?”</li></ul>"),
            ("callout", {"kind": "tip", "title": "Quantify before you leave the call", "text": "<p>When a buyer names a pain, ask one follow-up that attaches a number: “You said the forecast was off last quarter. By how much, and what did you hold back on because of it?” Write the answer in the Metrics field in CRM the same day.</p>"}),
            ("heading", {"text": "Future state and decision", "level": "h2"}),
            ("paragraph", "<ul><li>“If we solved this, what would your Monday look like in six months?”</li><li>“Who besides you would need to agree this is worth fixing?”</li><li>“How have you bought software like this before, and what got in the way?”</li><li>“Is there a date that matters, such as a board meeting, planning cycle or renewal?”</li></ul>"),
        ],
    },
    {
        "slug": "meddicc-qualification-at-helix",
        "title": "MEDDICC qualification, the Helix way",
        "summary": "How we use MEDDICC to qualify and forecast deals, what good looks like for each letter in a Helix deal, and the stage gates your manager will check.",
        "products": ["PULSE", "BEACON", "ATLAS"],
        "stages": ["discovery", "executive-meeting", "closing"],
        "body": [
            ("heading", {"text": "Why we qualify with MEDDICC", "level": "h2"}),
            ("paragraph", "<p>Our deals involve revenue leaders, RevOps, data teams and often security, so they stall when any one of them is missing. MEDDICC gives you and your manager a shared language to spot the gap early. Keep the MEDDICC fields in CRM current; your forecast category is judged on them, and so is Beacon's score of your deal.</p>"),
            ("heading", {"text": "The seven letters in a Helix deal", "level": "h2"}),
            ("paragraph", "<ul><li><b>Metrics:</b> a number the buyer agreed to, such as “cut forecast variance from 18% to under 7%” or “give back 12 RevOps hours a week.”</li><li><b>Economic buyer:</b> the person who can approve the spend without asking anyone, usually the CRO, sometimes the CFO. Met in person, not assumed.</li><li><b>Decision criteria:</b> written down and shared back, including technical criteria from the data team.</li><li><b>Decision process:</b> every step from evaluation to signature, with names and dates, including security and procurement.</li><li><b>Identify pain:</b> the business consequence, not the symptom. “Missed guidance twice” beats “reports are slow.”</li><li><b>Champion:</b> has power, wants us to win, and sells for us when we are not in the room.</li><li><b>Competition:</b> Quotient, ForecastIQ, an in-house BI build, or doing nothing.</li></ul>"),
            ("callout", {"kind": "key", "title": "Stage gates", "text": "<p>You can't move a deal to <b>Demonstration</b> without identified pain and a named champion. You can't move to <b>Pricing</b> until the economic buyer has been met and decision criteria are written. You can't forecast a deal as <b>Commit</b> until the paper process is mapped to a signature date.</p>"}),
            ("heading", {"text": "Testing your champion", "level": "h2"}),
            ("paragraph", "<p>Ask your champion to do something that costs them a little: set up the meeting with the economic buyer, share the last board deck's revenue slide, or introduce you to procurement. A champion who does it is real. One who keeps promising to “circle back” is not, yet.</p>"),
            ("callout", {"kind": "warning", "title": "A coach is not a champion", "text": "<p>Friendly RevOps analysts who share inside information are valuable coaches, but they rarely have power. If your only contact can't get you to the CRO, your deal is not qualified, however warm the calls feel.</p>"}),
        ],
    },
    {
        "slug": "objection-handling-exact-wording",
        "title": "Top objections and exactly what to say",
        "summary": "Word-for-word responses to the four objections we hear most, using the acknowledge, clarify, respond, confirm pattern.",
        "products": ["PULSE", "BEACON", "ATLAS", "SENTINEL"],
        "stages": ["objection-handling"],
        "body": [
            ("paragraph", "<p>Every response below follows the same pattern: <b>acknowledge</b> the concern, <b>clarify</b> what sits behind it, <b>respond</b> with evidence, and <b>confirm</b> it landed. Don't skip the clarify step; the first objection is rarely the real one.</p>"),
            ("heading", {"text": "“We already have dashboards in our CRM.”", "level": "h2"}),
            ("paragraph", "<p>“That makes sense; most of our customers did too. Can I ask how long it takes to get those dashboards ready for the Monday review, and whether finance agrees with the numbers on them? (Listen.) Pulse doesn't replace your CRM; it reads from it and adds what CRM reports can't do: week-over-week pipeline movement, coverage by segment against plan, and deal-risk signals. Would it help to see last week's movement in your own pipeline?”</p>"),
            ("heading", {"text": "“Our data is too messy for this.”", "level": "h2"}),
            ("paragraph", "<p>“You're not alone. Almost every customer said that on the first call. What's the messiest part: close dates, stages, or amounts? (Listen.) Atlas is built for exactly this. It shows you data-quality gaps by rep and by field, so cleaning up becomes a coaching conversation instead of a project. Carrow Freight started with 30% of opportunities missing next steps and got under 5% within 90 days. Should we run a data-quality scan on your instance as a first step?”</p>"),
            ("heading", {"text": "“AI forecasting is a black box. My board won't accept it.”", "level": "h2"}),
            ("paragraph", "<p>“I agree, and you shouldn't accept a number you can't explain. What would you need to see to defend a forecast to the board? (Listen.) Every Beacon number breaks down into the deals and drivers behind it, so you can say exactly why the call is $4.2 million and not $4.6 million. Beacon sits alongside your reps' commit; it doesn't replace their judgment. Would a shadow forecast on last quarter's data show you whether it holds up?”</p>"),
            ("heading", {"text": "“Security will never approve sending CRM data to a vendor.”", "level": "h2"}),
            ("paragraph", "<p>“That's an important constraint, and I'd rather know now. Is the concern where the data lives, who can see it, or both? (Listen.) With Atlas Enterprise, Helix can run inside your own warehouse, so the data never leaves your account, and Sentinel enforces the same access rules as your CRM with a full audit log. Could we get thirty minutes with your security lead this month, before we go further, so they can tell us what they need?”</p>"),
        ],
    },
    {
        "slug": "battlecard-quotient-and-forecastiq",
        "title": "Battlecard: Quotient and ForecastIQ",
        "summary": "Where Quotient and ForecastIQ win, where we win, the discovery questions that expose their gaps, and how to stay professional while doing it.",
        "products": ["PULSE", "BEACON", "ATLAS"],
        "stages": ["demonstration", "objection-handling"],
        "body": [
            ("heading", {"text": "Quotient at a glance", "level": "h2"}),
            ("paragraph", "<p>Quotient is a pipeline dashboard tool with a polished interface and a fast setup. It syncs from the CRM through the API on a schedule, has no governed metric layer and cannot bring in billing or warehouse data. Its forecast is a roll-up of rep commits.</p><ul><li><b>They win</b> with small teams on a single CRM who want dashboards next week.</li><li><b>We win</b> when finance and sales must agree on the numbers, when data lives in more than the CRM, and when the buyer wants a forecast beyond rep roll-ups.</li></ul>"),
            ("heading", {"text": "ForecastIQ at a glance", "level": "h2"}),
            ("paragraph", "<p>ForecastIQ is a forecasting point solution that leads with headline accuracy claims. Its deal scores are not explained, it needs about eight quarters of clean history, and it has no pipeline analytics or data layer of its own.</p><ul><li><b>They win</b> with data-science-minded CFOs who care about a single accuracy number.</li><li><b>We win</b> when sales leaders must explain and coach from the forecast, when history is shorter, and when the buyer wants pipeline and forecast in one place.</li></ul>"),
            ("callout", {"kind": "tip", "title": "Questions that expose the gaps", "text": "<ul><li>“When your CFO and CRO disagree on pipeline, which system settles it?”</li><li>“How would you bring ARR from billing into the same view as pipeline?”</li><li>“When the forecast changes, can your managers see which deals moved it and why?”</li><li>“How many quarters of clean history do you have today?”</li></ul>"}),
            ("video", {"video": "https://www.youtube.com/watch?v=Tz5cN1yKd8A", "caption": "Win-loss review: how the Carrow Freight team beat a Quotient renewal with a reconciliation demo (11 minutes)."}),
            ("callout", {"kind": "warning", "title": "Never run down a competitor", "text": "<p>Buyers chose Quotient or ForecastIQ for reasons that made sense at the time, and criticizing them criticizes the buyer. Say “They're strong at quick dashboards; where customers tell us they outgrow it is...” and let the discovery questions do the work.</p>"}),
            ("paragraph", "<p><b>Proof points to use:</b> Carrow Freight replaced Quotient and cut pipeline-prep time by about 70%; Lumenfold replaced ForecastIQ and brought week-six forecast variance from 14% to 4%. Both will take reference calls; request them through the reference program, never directly.</p>"),
        ],
    },
    {
        "slug": "pricing-and-negotiation-guide",
        "title": "Pricing and negotiation guide",
        "summary": "List prices, discount authority and the trading rules for every Helix product, plus what to say when a buyer says it costs too much.",
        "products": ["PULSE", "BEACON", "ATLAS", "SENTINEL"],
        "stages": ["pricing", "closing"],
        "body": [
            ("heading", {"text": "How we price", "level": "h2"}),
            ("paragraph", "<ul><li><b>Pulse:</b> $720 per user per year, minimum 25 users. Includes Atlas Essentials (CRM connector).</li><li><b>Beacon:</b> $480 per user per year when added to Pulse; $900 per user per year standalone.</li><li><b>Atlas Standard:</b> from $36,000 per year, up to five non-CRM sources.</li><li><b>Atlas Enterprise:</b> from $60,000 per year, unlimited sources, in-warehouse deployment and a 99.9% uptime SLA.</li><li><b>Sentinel:</b> 20% of the Atlas platform fee, minimum $15,000 per year; requires Atlas Standard or above.</li></ul>"),
            ("heading", {"text": "Discount authority", "level": "h2"}),
            ("paragraph", "<ul><li>Reps may discount up to 10% off list.</li><li>Regional vice presidents may approve up to 20%.</li><li>Anything above 20%, and any non-standard terms, goes to deal desk.</li><li>A three-year term with a price lock earns up to 8% more, on top of the above.</li></ul>"),
            ("callout", {"kind": "key", "title": "Trade, never give", "text": "<p>Every concession gets something back: a multi-year term, a signature date this quarter, a published case study, a reference call, or more users. Say “I can look at that if we can agree on...” and name the trade before you name the number.</p>"}),
            ("heading", {"text": "When the buyer says “It's too expensive”", "level": "h2"}),
            ("paragraph", "<p>“I appreciate you being direct. Too expensive compared with what: your budget, another option, or the value we've discussed? (Listen.) When we spoke with your CRO, we agreed that a five-point improvement in forecast accuracy would let you release about $1.2 million in hiring a quarter earlier. This proposal is a fraction of that. Which part of the value do you see differently?”</p>"),
            ("callout", {"kind": "warning", "title": "No price before value", "text": "<p>Never send a proposal before the economic buyer has agreed the Metrics in the deal. Early budget-range conversations are fine; a formal quote sent to a champion with no agreed value becomes the ceiling and the starting point for procurement.</p>"}),
        ],
    },
    {
        "slug": "running-the-executive-meeting",
        "title": "Running the executive meeting",
        "summary": "How to prepare, run and follow up a 30-minute meeting with a CRO or CFO so that it ends with an agreed plan to a decision.",
        "products": ["PULSE", "BEACON"],
        "stages": ["executive-meeting", "closing"],
        "body": [
            ("heading", {"text": "Before the meeting", "level": "h2"}),
            ("paragraph", "<ul><li>Pre-brief with your champion: what does the executive care about this quarter, and what would make them say no?</li><li>Invite your regional vice president; executives expect a peer in the room.</li><li>Write a one-page brief: their stated pain, the agreed metrics, the proposed plan and the decision you will ask for.</li><li>Agree who says what. Your RVP opens and asks; you run the middle.</li></ul>"),
            ("heading", {"text": "The 30-minute agenda", "level": "h2"}),
            ("paragraph", "<ol><li><b>Minutes 0-3:</b> purpose, agenda and the outcome you hope for.</li><li><b>Minutes 3-10:</b> confirm their priorities. Ask, then listen.</li><li><b>Minutes 10-20:</b> our point of view on their problem, three slides at most.</li><li><b>Minutes 20-27:</b> the mutual action plan, with dates back from their deadline.</li><li><b>Minutes 27-30:</b> the ask and next steps.</li></ol>"),
            ("callout", {"kind": "tip", "title": "Open with their words", "text": "<p>Start by playing back what you heard: “Your team told us the forecast was 11% off at week six last quarter and that guidance to the board was revised twice this year. Is that still the priority?” Executives engage when they hear their own problem, not our product.</p>"}),
            ("heading", {"text": "Making the ask", "level": "h2"}),
            ("paragraph", "<p>Be explicit: “Based on what we've discussed, we'd suggest the team completes the technical review by the 14th and we aim for a decision before your planning offsite on the 30th. Does that work for you, and is there anything that would stop you from approving it if the review goes well?”</p>"),
            ("callout", {"kind": "warning", "title": "Don't demo to an executive", "text": "<p>Unless the executive asks, keep the product on a single screenshot. A live demo turns a strategic conversation into a feature review and hands the meeting to whoever asks the most detailed question.</p>"}),
            ("paragraph", "<p><b>Within 24 hours</b>, send a short recap: what you heard, what was agreed, the updated mutual action plan and the owner for every step. Copy your champion and update the Economic buyer and Decision process fields in CRM.</p>"),
        ],
    },
]

CASE_STUDIES = [
    {
        "slug": "carrow-freight-replaces-quotient",
        "title": "Carrow Freight replaces Quotient and ends the Monday spreadsheet",
        "summary": "A 300-seat logistics sales team moved from Quotient dashboards to Pulse on Atlas and cut weekly pipeline prep by about 70%.",
        "products": ["PULSE", "ATLAS"],
        "stages": ["discovery", "demonstration", "objection-handling", "pricing"],
        "customer": "Carrow Freight Lines",
        "industry": "Logistics",
        "deal_size_band": "100k-500k",
        "challenge": "<p>Carrow's 300 account executives sold contract freight across North America. Quotient showed pipeline dashboards, but its numbers never matched the bookings finance reported from their transport-management and billing systems. RevOps spent two days a week reconciling the two before every pipeline review, and the CRO had stopped trusting either.</p>",
        "approach": "<p>The team learned Quotient's renewal date was five months out and started discovery with the head of RevOps, not the CRO. Instead of a standard demo, the solutions engineer ran a reconciliation demo: Quotient's coverage number beside the Pulse number built on Atlas, with the gap traced to 214 opportunities whose amounts differed from the billed contract value. The CFO joined the second session uninvited.</p>",
        "result": "<p>Carrow signed a three-year agreement for Pulse and Atlas Standard. Within 90 days, weekly pipeline prep fell from about 16 hours to under 5, opportunities missing next steps dropped from 30% to 4%, and sales and finance now report a single bookings number. Pipeline coverage for the following quarter rose from 2.4x to 3.1x as managers chased the gaps Pulse exposed.</p>",
        "how_won": "<ul><li>Found the competitor's renewal date early and worked back from it.</li><li>Made the data team and finance allies by showing a reconciliation, not features.</li><li>Used the Switch Credit program to cover the overlap with Quotient, traded for a three-year term.</li><li>Closed with a reference call from another former Quotient customer.</li></ul>",
        "model_video_url": "https://vimeo.com/842615307",
    },
    {
        "slug": "halverson-bank-governed-pipeline",
        "title": "Halverson Mutual Bank gets a governed view of commercial pipeline",
        "summary": "A retail bank's 1,200 commercial bankers gained pipeline analytics that passed risk and audit review, thanks to Sentinel and in-warehouse Atlas.",
        "products": ["SENTINEL", "ATLAS", "PULSE"],
        "stages": ["discovery", "objection-handling", "executive-meeting", "closing"],
        "customer": "Halverson Mutual Bank",
        "industry": "Retail banking",
        "deal_size_band": "gt500k",
        "challenge": "<p>Halverson's commercial and small-business lending teams tracked more than $3 billion in loan pipeline, but regional managers could only see it through monthly reports built by a central team. An earlier analytics project had been stopped by the CISO because it copied customer data outside the bank's controlled environment and could not restrict what each banker saw.</p>",
        "approach": "<p>The account team raised security in the first meeting and asked to meet the CISO before any demo. They proposed Atlas Enterprise deployed inside the bank's own Snowflake account, with Sentinel mirroring the CRM role hierarchy and masking borrower names for users outside each relationship team. The evidence pack and a pre-filled questionnaire went to security in week two, and a joint session with the CRO and CISO agreed a single mutual action plan.</p>",
        "result": "<p>Security review closed in 19 days against a bank average of 11 weeks. Halverson rolled Pulse out to 1,200 bankers across 14 regions, and monthly reporting became a live weekly review. In the first two quarters, stalled-deal volume fell 22% and average time from application to credit decision dropped by nine days. Internal audit signed off the access model with no findings.</p>",
        "how_won": "<ul><li>Treated the CISO as a sponsor from day one, not a gate at the end.</li><li>Quoted Sentinel in the first proposal so it never looked like an add-on price increase.</li><li>Ran one executive meeting with both revenue and risk leaders in the room.</li><li>Used in-warehouse deployment to answer “our data never leaves” before it was asked.</li></ul>",
        "model_video_url": "https://vimeo.com/907331284",
    },
    {
        "slug": "st-brennan-health-commercial-analytics",
        "title": "St. Brennan Health Partners brings discipline to employer-services sales",
        "summary": "A hospital group's commercial team gained pipeline visibility for its employer health contracts, with Sentinel keeping patient-adjacent data locked down.",
        "products": ["ATLAS", "SENTINEL", "PULSE"],
        "stages": ["discovery", "objection-handling", "closing"],
        "customer": "St. Brennan Health Partners",
        "industry": "Hospital group",
        "deal_size_band": "25k-100k",
        "challenge": "<p>St. Brennan's 40-person commercial team sells occupational-health and employer wellness contracts to local businesses. Pipeline lived in the CRM, contract values lived in the billing system, and utilization data sat in a clinical warehouse that compliance would not open to the sales team. Leaders could not tell which contracts were profitable enough to renew on the same terms.</p>",
        "approach": "<p>The rep led with the HIPAA question before compliance could raise it, confirmed Helix would sign a Business Associate Agreement, and brought the solutions engineer to map data flows with the hospital's architect. Atlas Standard brought in billing and aggregated utilization, while Sentinel restricted utilization detail to two contract managers and logged every view.</p>",
        "result": "<p>Compliance approved the design in one review cycle. The team identified 17 employer contracts priced below cost to serve and renegotiated 11 of them at renewal, adding $640,000 in annual revenue. Forecast variance for new contracts narrowed from 25% to 9% within two quarters.</p>",
        "how_won": "<ul><li>Raised the regulatory question first, with the answer ready.</li><li>Kept the deal small and focused: 40 users, one clear renewal-pricing use case.</li><li>Let the customer's architect draw the data-flow diagram with our SE, so compliance saw their own work.</li></ul>",
        "model_video_url": "",
    },
    {
        "slug": "lumenfold-beacon-forecast-accuracy",
        "title": "Lumenfold swaps ForecastIQ for a forecast its board can follow",
        "summary": "A fast-growing SaaS company replaced ForecastIQ with Beacon and Pulse, bringing week-six forecast variance from 14% to 4%.",
        "products": ["BEACON", "PULSE"],
        "stages": ["demonstration", "objection-handling", "executive-meeting"],
        "customer": "Lumenfold",
        "industry": "SaaS scale-up",
        "deal_size_band": "25k-100k",
        "challenge": "<p>Lumenfold had grown from 20 to 60 account executives in 18 months after its Series C. ForecastIQ's scores were accurate in some quarters and badly wrong in others, and nobody could explain why. After revising guidance to the board twice in a year, the CFO asked the CRO to “show the working” behind every forecast.</p>",
        "approach": "<p>The rep asked for a shadow forecast rather than a demo: Beacon was back-tested on Lumenfold's previous two quarters and run in parallel for six weeks of the live quarter. At the executive meeting, the team walked the CRO and CFO through the three deals that explained most of the gap between Beacon's call and the reps' commit, driver by driver.</p>",
        "result": "<p>Lumenfold signed Pulse and Beacon for 60 users. In the first full quarter, week-six forecast variance fell from 14% to 4%, the quarter closed within 2% of the Beacon call, and the CRO's forecast meeting shrank from 90 minutes to 40. Lumenfold has since added 25 users as the team grew.</p>",
        "how_won": "<ul><li>Reframed the evaluation from “which is more accurate” to “which can you explain to the board.”</li><li>Proved it on their own data with a shadow forecast before asking for a decision.</li><li>Brought the CFO into the executive meeting as a co-sponsor of the change.</li></ul>",
        "model_video_url": "https://vimeo.com/873402159",
    },
    {
        "slug": "castlegate-insurance-broker-forecasting",
        "title": "Castlegate Insurance forecasts broker channel premiums with Beacon",
        "summary": "An insurer's broker-channel team used Beacon on Atlas, with Sentinel controls, to forecast new premium by region and product line.",
        "products": ["BEACON", "ATLAS", "SENTINEL"],
        "stages": ["discovery", "executive-meeting", "pricing", "closing"],
        "customer": "Castlegate Insurance",
        "industry": "Insurance",
        "deal_size_band": "100k-500k",
        "challenge": "<p>Castlegate writes commercial property and liability policies through 900 independent brokers, managed by 200 channel managers. New-premium forecasts were assembled from regional spreadsheets and routinely missed by 15% or more, which made reinsurance and capital planning harder. Any new system had to meet the regulator's expectations on access control and audit.</p>",
        "approach": "<p>The team sold Beacon standalone, because Castlegate already had strong CRM reporting, and paired it with Atlas Enterprise to bring in quote and bind data from the policy administration system. Sentinel restricted each channel manager to their brokers and masked premium detail for large accounts. The RVP ran a joint executive meeting with the Chief Underwriting Officer and the CFO, anchored on capital-planning accuracy rather than sales productivity.</p>",
        "result": "<p>Castlegate signed a three-year agreement for 200 Beacon users, Atlas Enterprise and Sentinel. By the third quarter, new-premium forecasts by region landed within 5% of actuals, and the finance team retired 14 regional spreadsheets. The regulator's IT review cited the Sentinel audit trail as an example of good practice.</p>",
        "how_won": "<ul><li>Sold the product the customer needed, Beacon standalone, not the full bundle.</li><li>Tied the value to capital planning, which mattered to the CFO, not only to sales.</li><li>Traded a three-year term for the price lock the CFO wanted.</li></ul>",
        "model_video_url": "",
    },
    {
        "slug": "brightwater-controls-land-and-expand",
        "title": "Brightwater Industrial Controls: a small start that tripled in a year",
        "summary": "A manufacturer started with 25 Pulse users in one division and expanded to Beacon across three divisions within twelve months.",
        "products": ["PULSE", "BEACON"],
        "stages": ["prospecting", "discovery", "pricing", "closing"],
        "customer": "Brightwater Industrial Controls",
        "industry": "Manufacturing",
        "deal_size_band": "lt25k",
        "challenge": "<p>Brightwater sells industrial automation controllers through a direct team and distributors, with long project-based sales cycles. The sales director of its largest division could not see which quotes were stuck in engineering review versus waiting on the customer, and corporate was skeptical of yet another sales tool after a failed CRM add-on rollout.</p>",
        "approach": "<p>Rather than push an enterprise deal, the rep proposed a focused start: 25 Pulse users in one division, live in 30 days, with three success measures agreed in writing with the division's sales director. The rep scheduled a 60-day review with the division president before signature, which became the platform for expansion.</p>",
        "result": "<p>The division cut the average age of quotes in engineering review from 34 days to 19 and raised win rate on quoted projects from 23% to 29% in two quarters. At the 60-day review, the division president asked for Beacon; within twelve months Brightwater had 80 users across three divisions and annual contract value had more than tripled.</p>",
        "how_won": "<ul><li>Matched the deal size to the buyer's appetite for risk instead of the largest possible number.</li><li>Agreed success measures before signature and scheduled the review that proved them.</li><li>Used the first division's results as the business case for the next two.</li></ul>",
        "model_video_url": "",
    },
]

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
