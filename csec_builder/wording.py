"""The fixed words csec-builder adds around the catalog's content: slide titles and trainer notes
for the opening, agenda, activities, checks and closing.

Kept in one place so the voice stays trauma-informed and consistent, and so it can be reviewed
(or translated) without reading the planning code.
"""

from __future__ import annotations

from .models import LETTERS, Activity, Contractor, LocalResource, Objective, PlannedCheck, material_name

LANGUAGE = "en-US"  # the language tag of every output; screen readers choose their voice by it

OPENING_KINDS = ("title", "content_warning", "agenda", "objectives")
CLOSING_KINDS = ("resources", "references", "closing")

OPENING_AGENDA = "Welcome, content warning and agenda"
BREAK_AGENDA = "Break"
CLOSING_AGENDA = "Local resources, questions and evaluation"
END_AGENDA = "End of session"

CONTENT_WARNING_TITLE = "Before we begin: content warning and self-care"
CONTENT_WARNING = (
    "Today we discuss the sexual exploitation and abuse of children and youth",
    "Some of us have lived experience of these harms, and we may not know who",
    "Take care of yourself: step out, take a break or talk with a trainer at any time",
    "Protect privacy: no names or identifying details of youth, families or cases",
    "Use survivor-centred language: we talk about youth who are exploited, not labels",
)
CONTENT_WARNING_NOTES = (
    "Read this slide slowly and pause after each point. Say that the content can bring up strong reactions, "
    "including for people with their own lived experience, and that nobody has to explain why they step out. "
    "Point out where the exits, restrooms and a quiet space are, and name the trainer participants can talk to. "
    "Ask the group to keep case details anonymous, and explain that we describe youth by what was done to "
    "them, never with labels such as 'a CSEC'. Invite questions about the day before you move on."
)

AGENDA_TITLE = "Agenda"
OBJECTIVES_TITLE = "What you will be able to do today"
ACTIVITY_PREFIX = "Activity: "
NO_PROMPT = "Your trainer will explain this activity."
DISCUSSION_PREFIX = "Discussion: "
DISCUSSION_NOTES = (
    "Give the group a minute to think before anyone answers. Invite a few voices, thank each person, and "
    "steer away from identifying details of real youth or cases. Summarise what you heard and connect it "
    "back to the objective before moving on."
)
RESOURCES_TITLE = "Local resources and support"
REFERENCES_TITLE = "References"
REFERENCES_NOTES = (
    "These are the sources behind today's content. Point participants to the facilitator guide, which "
    "lists every reference by objective, and encourage them to read the primary sources."
)
CLOSING_TITLE = "Thank you: questions and next steps"
CLOSING_NOTES = (
    "Thank the group for their attention and care. Invite final questions, then ask participants to "
    "complete the evaluation. Remind them that this material can stay with people after the session: "
    "encourage them to use the self-care plan they started today and to reach out to the trainers or "
    "their supervisor if something came up for them."
)


def continued(index: int) -> str:
    return "continued" if index == 1 else f"continued {index}"


def continued_notes(first: int) -> str:
    return f"This slide continues slide {first}; the talking points for the whole list are on slide {first}."


def minutes_line(minutes: int) -> str:
    return f"Time: {minutes} minutes"


def title_subtitle(contractor: Contractor) -> str:
    trainers = f" · {', '.join(contractor.trainers)}" if contractor.trainers else ""
    return f"{contractor.organization}{trainers}"


def title_notes(contractor: Contractor) -> str:
    trainers = ", ".join(contractor.trainers) or "the trainers"
    return (
        f"Welcome participants to {contractor.title}. Introduce {trainers} and {contractor.organization}. "
        "Explain that this training follows California's standardized CSEC 101 learning objectives, "
        "and that today is about recognising and responding to youth who are exploited, with care."
    )


def agenda_notes(contractor: Contractor, agenda: list) -> str:
    breaks = [a for a in agenda if a.kind == "break"]
    pauses = ", ".join(f"{a.start} ({a.minutes} min)" for a in breaks) or "as needed"
    return (
        f"Walk through the agenda and the clock times. Breaks: {pauses}. Tell the group they can take "
        "a personal break at any time, and that activities are paced to leave room for questions."
    )


def objectives_notes(objectives: list[Objective]) -> str:
    statements = "\n".join(f"- {o.id}: {o.statement}" for o in objectives)
    return "Read the objectives aloud. By the end of the session participants will be able to:\n" + statements


def section_notes(objective: Objective, item: object) -> str:
    start = getattr(item, "start", "")
    activities = objective.total_minutes - objective.minutes
    timing = f"{objective.minutes} minutes of teaching" + (f" and {activities} of activities" if activities else "")
    points = "\n".join(f"- {p}" for p in objective.key_points)
    return (
        f"This part starts at {start} and takes {timing}.\n"
        f"Read the objective: {objective.statement}\n"
        f"Key points to land:\n{points}"
    )


def activity_notes(activity: Activity) -> str:
    """The trainer's side of an activity slide: the steps, expected answers and debrief, and what to have ready."""
    materials = ", ".join(material_name(m) for m in activity.materials) or "none"
    notes = f"{activity.title} ({activity.minutes} minutes).\n{activity.instructions.strip()}\nMaterials: {materials}"
    keys = [d.title for d in activity.documents if d.given_to == "trainer"]
    if keys:
        notes += f"\nFor you only (in the facilitator guide): {', '.join(keys)}"
    return notes


def check_title(objective_title: str, index: int, count: int) -> str:
    suffix = f" ({index} of {count})" if count > 1 else ""
    return f"Check your understanding: {objective_title}{suffix}"


def lettered(letter: str, choice: str) -> str:
    return f"{letter}. {choice}"


def check_bullets(check: PlannedCheck) -> list[str]:
    return [check.item.question, *(lettered(LETTERS[i], c) for i, c in enumerate(check.choices))]


def answer_line(check: PlannedCheck) -> str:
    letter = check.answer_letter
    return f"Answer: {lettered(letter, check.item.answer) if letter else check.item.answer}"


def check_notes(check: PlannedCheck) -> str:
    rationale = f"\nWhy: {check.item.rationale}" if check.item.rationale else ""
    return (
        "Give participants a moment to answer on their own, then invite answers before revealing it.\n"
        f"{answer_line(check)}{rationale}"
    )


def resource_line(resource: LocalResource) -> str:
    contact = " · ".join(part for part in (resource.phone, resource.url) if part)
    return f"{resource.name}: {contact}" if contact else resource.name


def resources_notes(resources: list[LocalResource]) -> str:
    described = "\n".join(f"- {r.name}: {r.description}" for r in resources if r.description)
    return "Go through the local resources and say when to use each one.\n" + described


def closing_bullets(contractor: Contractor) -> tuple[str, ...]:
    trainers = ", ".join(contractor.trainers)
    contact = f"Questions later? Contact {trainers}, {contractor.organization}" if trainers else None
    return tuple(
        line
        for line in (
            "Questions and reflections",
            "Please complete the evaluation before you leave",
            "Take care of yourself after today: use your self-care plan",
            contact,
        )
        if line
    )


# --- facilitator guide -------------------------------------------------------------------

TASK_LABEL = "On the slide, for participants"
STEPS_LABEL = "Your steps"
SUPPLIES_LABEL = "Supplies"
GIVEN_TO = {
    "participants": "handout for participants",
    "trainer": "for the trainer only: do not hand out",
}


def given_to_label(given_to: str) -> str:
    return GIVEN_TO[given_to]


def checklist_line(name: str, given_to: str | None, activity_titles: list[str]) -> str:
    """One line of the preparation checklist: what to print or gather, and for which activities."""
    where = f" ({', '.join(activity_titles)})" if activity_titles else ""
    if given_to == "participants":
        return f"Print for participants: {name}{where}"
    if given_to == "trainer":
        return f"Print your own copy: {name}{where}"
    return f"Materials: {name}"


HOW_TO_USE = (
    "This guide goes with the slide deck built for the same session. Slide numbers in this guide are the "
    "deck's slide numbers, and the clock times follow the session's start time and breaks.",
    "For each learning objective you will find the objective statement, the key points to land, talking "
    "points for every slide, the activities, discussion questions and a short knowledge check with answers. "
    "Each activity shows what participants see on its slide, your steps with the expected answers, and its "
    "documents in full: handouts and cards to print for participants, and answer keys that are for you only. "
    "The speaker notes in the deck carry the same talking points and steps.",
    "Read the trauma-informed facilitation section before you teach, and prepare the local resources: "
    "participants may need them during the session, not only at the end.",
)

PREPARATION = (
    "Open the deck on the presentation computer; check that the presenter view shows the speaker notes",
    "Confirm the local resources on the resources slide are current (phone numbers, contacts, services)",
    "Arrange a quiet space participants can step into, and agree who will check in with anyone who leaves",
    "Agree with your co-trainer who watches the room for participants who may be distressed",
    "Print the participant documents listed below, and your own copies of the answer keys",
    "Print the knowledge-check questions or prepare them for an online poll",
    "Prepare the evaluation form and the sign-in sheet",
)

FACILITATION = (
    (
        "Open with a content warning",
        "Name the topics before you teach them: sexual exploitation, abuse, violence and trauma. Say that anyone "
        "may step out at any time without explaining why, where they can go, and who they can talk to. Return to "
        "the warning before the most difficult content, such as exploiter tactics and indicators.",
    ),
    (
        "Keep the language survivor-centred",
        "Describe youth by what was done to them: youth who are commercially sexually exploited, survivors, "
        "young people at risk. Say exploiter or trafficker and buyer. Never call a child a prostitute and never "
        "use 'a CSEC' as a label. Street terms appear only so that participants recognise them, not to be used.",
    ),
    (
        "If someone discloses in the room",
        "Stay calm and thank the person for trusting the group. Do not ask for details in front of others: "
        "gently offer to talk privately at the next break. Privately, listen without probing, remind them of "
        "the support available, and explain honestly what you must do if a child may be at risk now; mandated "
        "reporters follow their agency's reporting duties. Afterwards, look after yourself and debrief with "
        "your co-trainer or supervisor.",
    ),
    (
        "Case examples and confidentiality",
        "Use the composite examples in the materials rather than real cases. If a participant starts to share a "
        "real case, thank them and ask them to keep names, places and other identifying details out of the room.",
    ),
    (
        "Self-care, for participants and for you",
        "This content can stay with people. Build in the scheduled breaks, close with a self-care reminder, and "
        "share how participants can reach support afterwards. Trainers are exposed too: plan your own debrief "
        "after each session.",
    ),
)


# --- Word documents: facilitator guide, participant handout, knowledge test ---------------

LANGUAGE = "en-US"  # the documents' language (core properties); a translation changes it

GUIDE_NAME = "Facilitator guide"
HANDOUT_NAME = "Participant handout"
TEST_NAME = "Knowledge test"
ANSWER_KEY_NAME = "Knowledge test: answer key"

HOW_TO_USE_TITLE = "How to use this guide"
AGENDA_HEADERS = ("Time", "Minutes", "Segment", "Slides")
HANDOUT_AGENDA_HEADERS = ("Time", "Segment")
PREPARATION_TITLE = "Preparation and materials checklist"
PREPARATION_KIT = (
    "Print the participant handout, one copy per participant",
    "Print the knowledge test twice per participant (before and after the session) and keep the answer key",
)
FACILITATION_TITLE = "Trauma-informed facilitation"
OPENING_TITLE = "Opening"
KEY_POINTS_TITLE = "Key points"
TALKING_POINTS_TITLE = "Talking points"
ACTIVITIES_TITLE = "Activities"
DISCUSSION_TITLE = "Discussion questions"
KNOWLEDGE_CHECK_TITLE = "Knowledge check"
OBJECTIVE_REFERENCES_TITLE = "References for this objective"
CLOSING_SECTION_TITLE = "Closing and local resources"
RESOURCE_HEADERS = ("Resource", "Phone")
NO_RESOURCES = "No local resources are listed in this contractor's profile."
RATIONALE_LABEL = "Why: "
CHECKBOX = "☐"

HANDOUT_OBJECTIVES_INTRO = "By the end of this session you will be able to:"
KEY_POINTS_SECTION_TITLE = "Key points and notes"
NOTES_LABEL = "Your notes"
MATERIALS_TITLE = "Activity materials"
HANDOUT_RESOURCES_INTRO = (
    "Keep these numbers. If something today brings up a concern about a child's safety, or about your own "
    "well-being, these services can help."
)

TEST_INSTRUCTIONS = (
    "Answer each question on your own. For a multiple-choice question, circle the letter of the one best "
    "answer; for the others, write your answer on the lines. Your answers show the trainers what the "
    "session taught; they are not a grade."
)
NAME_LABEL = "Name"
DATE_LABEL = "Date"
PRE_TEST = "Pre-test"
POST_TEST = "Post-test"
ANSWER_KEY_INTRO = (
    "For the trainer: do not hand this out. The letters match the knowledge test and the deck's knowledge-check "
    "slides of this session."
)
MARKING_TITLE = "Answers at a glance"
MARKING_HEADERS = ("Question", "Answer")
WRITTEN_ANSWER = "Written"  # an open question's cell in the marking grid: its answer is below
RATIONALES_TITLE = "Answers and rationales"
WRITE_IN_LINES = 3  # answer lines under an open question


def document_title(kind: str, contractor: Contractor) -> str:
    """The title a Word document carries in its properties: what it is, for which session."""
    return f"{contractor.title}: {kind.lower()}"


def document_subtitle(kind: str, contractor: Contractor) -> str:
    return f"{kind} · {contractor.organization}"


def docx_footer(kind: str, contractor: Contractor) -> str:
    footer = contractor.branding.footer if contractor.branding and contractor.branding.footer else None
    return f"{kind} · {footer or f'{contractor.title} · {contractor.organization}'}"


def guide_facts(
    plan_end: str, contractor: Contractor, audience: str, standard: str, total: int, slides: int
) -> list[tuple[str, str]]:
    """The guide's cover facts as (label, value) pairs."""
    session = f"{contractor.session.start}–{plan_end}, {total} minutes planned"
    if contractor.session.minutes:
        session += f" of a {contractor.session.minutes}-minute session"
    facts = [("Standard", standard), ("Audience", audience)]
    if contractor.trainers:
        facts.append(("Trainers", ", ".join(contractor.trainers)))
    return [*facts, ("Session", session), ("Deck", f"{slides} slides")]


def agenda_total(total: int, teaching: int, breaks: int, session: int | None) -> str:
    line = f"Total: {total} minutes ({teaching} minutes of teaching and activities, {breaks} minutes of breaks)."
    if session is None:
        return line
    if total > session:
        return f"{line} The session is {session} minutes: the plan is {total - session} minutes over."
    return f"{line} The session is {session} minutes, leaving {session - total} minutes of slack."


def objective_heading(number: int, title: str) -> str:
    return f"Objective {number}: {title}"


def objective_facts(objective: Objective, start: str, slides: str, domain: str) -> list[tuple[str, str]]:
    activities = objective.total_minutes - objective.minutes
    time = f"starts {start}; {objective.minutes} minutes teaching"
    if activities:
        time += f" + {activities} minutes activities"
    return [
        (f"Objective ({objective.id} v{objective.version})", objective.statement),
        ("Domain", f"{domain} · Bloom level: {objective.bloom_level}"),
        ("Time", f"{time} · {slides}"),
    ]


def slide_heading(number: int, title: str) -> str:
    return f"Slide {number}: {title}"


def activity_heading(title: str, minutes: int) -> str:
    return f"{title} ({minutes} minutes)"


def question_label(number: int) -> str:
    return f"{number}."


def built_by(generator: str, standard: str) -> str:
    return f"Built by {generator} from {standard}."
