"""Themes a coordinator gave last year's "what should we improve" comments, so the tags show at once."""

from kokybe.accounts.models import User
from kokybe.surveys.models import Survey, TextAnswer
from kokybe.surveys.services.texts import text_answers_tag

# (tag in Lithuanian, tag in Latvian, words that put a comment under it, in any of the three languages)
THEMES: list[tuple[str, str, tuple[str, ...]]] = [
    ("Laukimas ir eilės", "Gaidīšana un rindas", ("laukti", "laukiau", "eilė", "gaida", "gaidīju", "rind", "wait")),
    (
        "Susisiekimas telefonu ir internetu",
        "Sazināšanās pa tālruni un internetu",
        ("prisiskambinti", "sazvanīt", "by phone", "prašymus internetu", "iesniegumus internetā"),
    ),
    ("Informacija", "Informācija", ("informac", "informāc", "informuoti", "informēt", "information")),
    ("Dokumentai", "Dokumenti", ("dokument",)),
    (
        "Patalpos ir prieinamumas",
        "Telpas un pieejamība",
        ("pandus", "uzbrauktuv", "privačios vietos", "kur parunāt", "vietos daiktams", "transport"),
    ),
    (
        "Darbuotojų trūkumas ir kaita",
        "Darbinieku trūkums un maiņa",
        ("darbuotojų per mažai", "darbinieku ir par maz", "keičiasi lankytojos"),
    ),
    ("Darbo laikas", "Darba laiks", ("darbo laik", "darba laik", "opening hours", "išėjimo laikas")),
    (
        "Užsiėmimai ir laisvalaikis",
        "Nodarbības un brīvais laiks",
        ("užsiėmim", "nodarbīb", "išvyk", "ekskursij", "laisvės"),
    ),
]


def improvement_comments_tag(*, actor: User, survey: Survey, language: str, item: str = "improve") -> int:
    """Tag each comment on `item` with every theme whose words it contains; returns the tags put on."""
    comments = list(TextAnswer.objects.filter(survey=survey, item=item).values_list("pk", "text"))
    tagged = 0
    for lithuanian, latvian, words in THEMES:
        matching = [str(pk) for pk, text in comments if any(word in text.lower() for word in words)]
        if matching:
            name = latvian if language == "lv" else lithuanian
            tagged += text_answers_tag(actor=actor, survey=survey, answer_ids=matching, name=name)
    return tagged
