"""Hand-made decks as another provider would write them: the catalog's ideas in other words, no markers.

Each deck is a list of slides (title, bullets, speaker notes). PARAPHRASES maps an objective to the deck
that teaches it; FIRE_SAFETY is a deck on an unrelated topic that must cover nothing.
"""

from __future__ import annotations

Slide = tuple[str, list[str], str]

BOND = [
    (
        "Why young people stay attached to the person who hurts them",
        [
            "A trauma bond: a powerful emotional tie to someone who hurts you",
            "Cruelty and affection take turns, and one side holds nearly all the power",
        ],
        "Hurt and tenderness come in turns, and the exploiter holds almost all of the power, so the young "
        "person's attachment gets stronger, not weaker. Clinicians call this a trauma bond.",
    ),
    (
        "What this looks like in our work",
        [
            "Young people go back to the exploiter and defend them",
            "Many do not see themselves as victims at all",
        ],
        "This is why a teenager may go back to the person exploiting them, stick up for that person when we "
        "ask questions, and reject the word victim.",
    ),
    (
        "Going back is part of leaving",
        [
            "Returning is not the youth's failure, and not yours",
            "It usually takes several attempts to leave for good",
        ],
        "When a young person goes back, it is not their failure and not the worker's. Most people need "
        "several attempts before they leave for good.",
    ),
    (
        "Our part",
        ["Stay connected: steady, calm, non-judgemental", "Do not push the youth to label the relationship"],
        "What helps is a steady relationship without judgement. Insisting that the youth label the "
        "relationship as abuse usually ends the conversation.",
    ),
]

TRAUMA = [
    (
        "Three E's of trauma",
        ["What happened: the event", "How it was experienced", "The effects that last"],
        "SAMHSA's way of thinking about trauma has three parts: what happened, how the young person lived "
        "through it, and what it leaves behind long afterwards.",
    ),
    (
        "Layer upon layer",
        ["Many harms, one after another", "Often starting in early childhood", "Often from people meant to protect"],
        "For most of the young people we serve it was not one event: harm piled on harm from early childhood, "
        "often at the hands of adults who were supposed to keep them safe. That is complex trauma.",
    ),
    (
        "Behaviour that kept them alive",
        ["Hypervigilance and anger", "Running and shutting down", "Using substances"],
        "Being constantly on guard, running, blowing up, going numb or using drugs can look like defiance. "
        "Usually they are survival behaviours that once worked.",
    ),
    (
        "Working in a trauma-informed way",
        ["Realise the impact", "Recognise the signs", "Respond with that knowledge", "Resist re-traumatising"],
        "Being trauma-informed means we understand how trauma affects people, spot its signs, let that "
        "understanding shape our response, and take care not to re-traumatise.",
    ),
]

WELL = [
    (
        "The cost of caring",
        ["Secondary traumatic stress", "Absorbing someone else's trauma"],
        "Listening to young people's trauma day after day, or sharing a home with it, takes a toll. We call "
        "it secondary traumatic stress, and it can resemble post-traumatic stress.",
    ),
    (
        "Notice it in yourself",
        ["Intrusive thoughts and avoidance", "Feeling on edge, poor sleep", "Seeing safety and people differently"],
        "Images that pop into your head, steering clear of certain cases, jumpiness, trouble sleeping, or "
        "suddenly seeing danger everywhere and trusting no one: these are the signs.",
    ),
    (
        "Normal, not weakness",
        ["A normal response to hard work", "Organisations share the responsibility"],
        "It happens to capable people; it is not a weakness. Employers carry part of the responsibility to reduce it.",
    ),
    (
        "Your plan",
        ["Write a simple self-care plan", "Supervision, peer support, limits"],
        "Before you leave, write a short plan: who supervises you, which colleagues support you, and the limits "
        "you keep, so you stay well and stay in this work.",
    ),
]

INDICATORS = [
    (
        "Relationships that worry us",
        ["A much older or controlling partner", 'A youth calling someone "Daddy"'],
        'Be curious about a much older partner who controls where the youth goes, or an adult the youth calls "Daddy".',
    ),
    (
        "Things that do not add up",
        ["New phones, clothes, nails, cash", "Hotel keys", "Someone else holds their ID or money"],
        "Notice belongings nobody can explain: a new phone, expensive clothes, nails done, cash, a hotel key "
        "card, or someone else keeping the youth's ID.",
    ),
    (
        "Body and behaviour",
        ["Injuries, tattoos or branding", "Hypervigilance and secrecy", "Late hours, chronic running, truancy"],
        "Look out for bruises, a tattoo of someone's name used as branding, being always on alert, secrecy, "
        "staying out late, running away again and again, and skipping school.",
    ),
    (
        "Health signs",
        ["Sexually transmitted infections, pregnancy", "Repeated urgent-care or emergency visits"],
        "Repeated sexually transmitted infections, a pregnancy, many emergency room visits or injuries nobody "
        "treated mean the youth needs care and a closer look, not blame.",
    ),
    (
        "Patterns, not single signs",
        ["Look at changes over time", "Boys and gender-diverse youth get missed"],
        "A single sign proves nothing; a pattern over weeks matters more. Boys and gender-diverse youth are "
        "often overlooked.",
    ),
]

RISK = [
    (
        "Histories that raise the risk",
        ["Earlier abuse, sexual abuse above all", "Foster care and group home placement"],
        "Walker (2013) found that many exploited youth were abused earlier, often sexually, and that many had "
        "lived in foster homes or group homes.",
    ),
    (
        "Unmet needs",
        ["Running away and homelessness", "Substance use, poverty, disability"],
        "A youth who runs, has nowhere to sleep, uses drugs, lives in poverty or has a disability has needs "
        "that nobody is meeting, and exploiters see that gap.",
    ),
    (
        "LGBTQ+ youth",
        ["Family rejection raises the risk", "1 in 4 transgender youth screened had clear indicators"],
        "Lesbian, gay, bisexual and transgender youth rejected by their families are at higher risk; "
        "WestCoast Children's Clinic screening flagged 1 in 4 transgender youth and 1 in 5 homeless boys.",
    ),
    (
        "Who is responsible",
        ["Risk factors do not cause exploitation", "Exploiters target unmet needs on purpose"],
        "None of these things causes exploitation. The person who exploits is responsible, and picks young "
        "people on purpose because of what they lack.",
    ),
]

LANGUAGE = [
    (
        "Why our words matter",
        ["Courts, colleagues and youth hear our words", "The law sees victims; so should we"],
        "Judges, co-workers and young people take their cue from the words in our reports. California law "
        "sees these youth as victims, so our writing has to as well.",
    ),
    (
        "Person first",
        ['"A youth who has experienced commercial sexual exploitation"', "Never a label"],
        "Put the person before the experience, for example a young person who has experienced commercial "
        "sexual exploitation; never turn the experience into a label.",
    ),
    (
        "Accurate names for adults and images",
        ["Traffickers, exploiters, buyers", "Child sexual abuse material (CSAM)"],
        "Say traffickers or exploiters and buyers, not friendly names; say child sexual abuse material (CSAM) "
        "for the pictures and videos.",
    ),
    (
        "Describe, don't dramatise",
        ["Say what happened", "Name the youth's strengths and choices"],
        "Write plainly what happened, and include the strengths and choices the young person showed, rather "
        "than sensational words.",
    ),
]

ENGAGE = [
    (
        "Six principles from SAMHSA",
        [
            "Safety; trustworthiness and transparency; peer support",
            "Collaboration and mutuality; empowerment, voice and choice",
            "Cultural, historical and gender issues",
        ],
        "These six SAMHSA principles are the frame for every contact we have with a youth; the slide lists "
        "them. Ask yourself which one you are using in each conversation.",
    ),
    (
        "Trust before anything else",
        ["Be consistent and honest", "Meet basic needs first"],
        "Showing up when you said you would, telling the truth, and making sure the youth has food and a bed "
        "earn the trust that lets a youth open up.",
    ),
    (
        "If a youth tells you",
        [
            "Stay calm; listen; believe; thank them",
            "No promise of secrecy, no pressing for details",
            "Say what happens next",
        ],
        "If a young person tells you what happened, keep calm, listen, believe them and thank them. Do not "
        "promise to keep it secret or dig for details, and explain the next steps.",
    ),
    (
        "Stages of change",
        ["Precontemplation, contemplation, preparation", "Action and maintenance", "Slipping back is common"],
        "The Prochaska and DiClemente model says people move through stages before they change, and often slip "
        "back. Meet the youth where they are, while safety and your reporting duties never pause.",
    ),
    (
        "Disclosure takes time",
        ["Often partial, often gradual", "Each conversation is one step"],
        "Young people tell their story a piece at a time; each talk is a step in a longer process.",
    ),
]

PARAPHRASES: dict[str, list[Slide]] = {
    "TRAUMA-01": TRAUMA,
    "WELL-01": WELL,
    "IND-01": INDICATORS,
    "RISK-01": RISK,
    "LANG-01": LANGUAGE,
    "ENGAGE-01": ENGAGE,
}

# Too far from the catalog's words for a lexical audit: two of its four key points share almost no words
# with the catalog ("cruelty and affection take turns" for "abuse alternates with affection"). It comes out
# partial, naming those two; a reviewer reading the review page sees why. Kept as the measured limit.
TOO_FAR = {"BOND-01": BOND}

FIRE_SAFETY: list[Slide] = [
    (
        "Workplace fire safety",
        ["Know your exits", "Know where the extinguishers are", "Report hazards to your supervisor"],
        "Today we cover how to prevent fires at work, how to respond when the alarm sounds, and who to call. "
        "Every employee should know two ways out of their work area.",
    ),
    (
        "Preventing fires",
        ["Keep corridors and exits clear", "Do not overload power strips", "Store flammable liquids safely"],
        "Most workplace fires start with electrical faults, heaters left on, or rubbish stored near heat. "
        "Report frayed cables and blocked exits to facilities staff immediately.",
    ),
    (
        "When the alarm sounds",
        ["Stop work and leave by the nearest exit", "Do not use the lifts", "Go to the assembly point"],
        "Close doors behind you to slow the smoke. Wardens check each floor and report to the fire service "
        "when everyone is out. Never go back inside until the fire service says it is safe.",
    ),
    (
        "Using an extinguisher",
        ["Pull, aim, squeeze, sweep", "Water extinguishers never on electrical fires", "If in doubt, get out"],
        "Only tackle a small fire if you have been trained, the exit is behind you, and you have the right "
        "extinguisher. Call 911 first. Your safety comes before the building.",
    ),
    (
        "After a fire drill",
        ["Wardens record how long evacuation took", "Report problems in the debrief", "Update the emergency plan"],
        "The safety committee reviews each drill, updates the written emergency plan and trains new staff "
        "within their first week.",
    ),
]
