"""The scorecard as a judge or observer sends it, read one way for the page's submit and its autosave.

A score is one of the criterion's levels, written in ASCII digits; a comment, the overall feedback and the next
steps are bounded in length and may not hold a NUL byte. Anything else refuses the whole post with one message,
and nothing is saved.
"""

import re
from dataclasses import dataclass

from assessments.exceptions import EvaluationRefused

COMMENT_MAX = 4000
FEEDBACK_MAX = 8000
NEXT_STEPS_MAX = 4000
SCORE = re.compile(r"[0-9]{1,3}")
TEXT_LIMITS = {"overall_feedback": ("The overall feedback", FEEDBACK_MAX), "next_steps": ("The next steps", NEXT_STEPS_MAX)}


@dataclass
class Posted:
    scores: dict  # {criterion key: (score or None, comment)}
    overall_feedback: str
    next_steps: str
    attest: bool = False  # a field observation: the observer ticked "I observed this call myself"


def _text_problem(what: str, text: str, limit: int) -> str | None:
    if "\x00" in text:
        return f"{what} holds a character that cannot be saved (a NUL byte): type it again rather than pasting it."
    if len(text) > limit:
        return f"Keep {what[0].lower()}{what[1:]} to {limit:,} characters (it has {len(text):,})."
    return None


def scorecard_posted(data, scorecard) -> Posted:
    """What the scorecard form sent (`data` is request.POST). A criterion the form did not send is left as saved,
    and so are the feedback and next steps. Raises EvaluationRefused saying every problem found."""
    version = scorecard.evaluation.guide_version
    scores, problems = {}, []
    for criterion in version.criteria:
        key, name = criterion["key"], criterion["name"]
        score_name, comment_name = f"score-{key}", f"comment-{key}"
        if score_name not in data and comment_name not in data:
            continue
        raw = data.get(score_name, "").strip()
        levels = [level["score"] for level in criterion["levels"]]
        score = int(raw) if SCORE.fullmatch(raw) else None
        if raw and score not in levels:
            problems.append(f"“{name}”: {raw[:20]} is not one of its levels ({', '.join(map(str, levels))}).")
        comment = data.get(comment_name, "")
        problem = _text_problem(f"The comment on “{name}”", comment, COMMENT_MAX)
        if problem:
            problems.append(problem)
        scores[key] = (score, comment)
    texts = {}
    for field, (what, limit) in TEXT_LIMITS.items():
        texts[field] = data.get(field, getattr(scorecard, field))
        problem = _text_problem(what, texts[field], limit)
        if problem:
            problems.append(problem)
    if problems:
        raise EvaluationRefused(" ".join(problems))
    return Posted(scores=scores, attest=data.get("attest") in ("on", "1", "true"), **texts)
