"""The fixed words of the training kit around the deck and guide: the scoring sheet, the forms (sign-in
sheet, evaluation, certificate), the print pack, and when the guide says to hand each piece out.

Beside `wording` and kept apart from it so each can be reviewed (or translated) on its own: every
string these outputs print comes from here, never from a renderer.
"""

from __future__ import annotations

# --- when each piece is handed out (facilitator guide) -----------------------------------

HAND_OUT_TITLE = "When to hand out each piece"
HAND_OUT = (
    "At the door: the sign-in sheet; every participant signs in before the session starts",
    "After the welcome: the pre-test; collect every copy before teaching starts",
    "After the pre-test: the participant handout, one per participant",
    "At each activity: that activity's cards or signs from the print pack (cut and sorted before the day)",
    "At the end: the post-test (collect it), then the evaluation",
    "After the session: mark both tests in the scoring sheet; give a certificate to each participant who "
    "attended the whole session",
)
PREPARATION_KIT = (
    "Print the sign-in sheet, and one evaluation and one certificate per participant",
    "Print the print pack on card stock; cut the cards apart and sort them into one set per group",
    "Open the scoring sheet on a laptop to mark the pre-test and post-test after the session",
)

# --- scoring sheet (.xlsx) ----------------------------------------------------------------

SCORING_NAME = "Knowledge test: scoring sheet"
SCORES_SHEET = "Scores"
PRE_SHEET = "Pre-test"
POST_SHEET = "Post-test"
ITEMS_SHEET = "Items"
ANSWER_ROW_LABEL = "Correct answer"
PARTICIPANT_HEADER = "Participant"
SCORE_HEADERS = ("Participant", "Pre-test score", "Post-test score", "Gain")
ITEM_HEADERS = ("Question", "Objective", "Answer", "Right on pre-test", "Right on post-test", "Change")
AVERAGE_LABEL = "Average"
SCORING_INSTRUCTIONS = (
    "Type each participant's name once, on the Pre-test sheet (the other sheets follow it). On the Pre-test "
    "and Post-test sheets, type the letter each participant circled for each question; leave a cell empty "
    "for no answer. Scores, gains and the per-question counts compute themselves."
)
ANSWERS_INSTRUCTIONS = "Type the letter circled for each question. Names come from the Pre-test sheet."


def question_header(number: int) -> str:
    return f"Q{number}"


def score_out_of(items: int) -> str:
    return f"Scores out of {items}"


# --- sign-in sheet ---------------------------------------------------------------------------

SIGN_IN_NAME = "Sign-in sheet"
SIGN_IN_HEADERS = ("", "Name", "County", "Role", "Signature")
DATE_LINE = "Date"
LOCATION_LINE = "Location"
TRAINERS_LABEL = "Trainers"
SIGN_IN_NOTE = "Please print your name clearly; your certificate of completion is made out to this name."


# --- evaluation -------------------------------------------------------------------------------

EVALUATION_NAME = "Training evaluation"
EVALUATION_INTRO = (
    "Your answers are anonymous and help us improve this training. Tick one box for each statement, then "
    "answer the questions in your own words."
)
LIKERT = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
OBJECTIVES_MET_TITLE = "The learning objectives"
OBJECTIVES_MET_LEAD = "After today, I am able to:"
SESSION_TITLE = "The session"
SESSION_STATEMENTS = (
    "The content is relevant to my work or my role as a caregiver",
    "I will use what I learned today",
    "The trainers knew the subject well and explained it clearly",
    "The trainers kept the room safe and respectful, and cared for our well-being",
    "The activities helped me learn",
)
PACE_TITLE = "The pace of the session was"
PACE_CHOICES = ("Too slow", "About right", "Too fast")
OPEN_TITLE = "In your own words"
OPEN_QUESTIONS = (
    "What was the most useful part of today's training?",
    "What would you change about this training?",
    "What would you like to learn more about?",
)
STATEMENT_HEADER = "Statement"


# --- certificate of completion ---------------------------------------------------------------

CERTIFICATE_NAME = "Certificate of completion"
CERTIFIES = "This certifies that"
PARTICIPANT_LINE = "Participant's name"
COMPLETED = "has completed"
TRAINER_SIGNATURE = "Trainer's signature"
OBJECTIVES_TAUGHT = "Learning objectives taught"


def hours_line(hours: str, organization: str) -> str:
    return f"{hours} hours of training, delivered by {organization}"


def standard_line(standard: str, version: str) -> str:
    return f"Following the {standard} standard, version {version}"


def hours_text(minutes: int) -> str:
    """Training hours to the quarter hour below, as a certificate states them: '5.75', '6'."""
    quarters = minutes // 15
    return f"{quarters / 4:g}"


# --- print pack ------------------------------------------------------------------------------

PRINT_PACK_NAME = "Print pack"
PRINT_PACK_INTRO = (
    "For the trainer: the cards and signs the activities use, one document per page. Print them before the "
    "day; participants receive them only at their activity. Answer keys are in the facilitator guide."
)
PREPARE_LABEL = "How to prepare: "
PREPARE = {
    "cards": "print on card stock, cut the cards apart along the lines, shuffle them and make one set per group",
    "signs": "print each sign on its own page, large enough to read across the room, and post or lay them out",
}
NO_PRINT_PACK = "This session's activities use no cards or signs: nothing to print here."
FOR_ACTIVITY = "For the activity"
CONTENTS_HEADERS = ("Document", "Activity", "Print as")
PRINT_AS = {"cards": "cards to cut apart", "signs": "signs, one per page"}
