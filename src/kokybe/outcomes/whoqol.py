"""WHOQOL-BREF as the library holds it: the facet each of the 26 items asks about, never the WHO wording.

The questionnaire's wording is licensed by the World Health Organization; a municipality administers the
paper form under its own WHO permission (recorded on the instrument) and enters the answers here. The pages
name each item by its facet only, which is enough to enter the answers item by item from the form.
"""

from kokybe.core.texts import Texts

FACETS: tuple[Texts, ...] = (
    {"en": "Overall quality of life", "lt": "Bendra gyvenimo kokybė", "lv": "Dzīves kvalitāte kopumā"},
    {"en": "Overall health", "lt": "Bendra sveikata", "lv": "Veselība kopumā"},
    {"en": "Pain and discomfort", "lt": "Skausmas ir diskomfortas", "lv": "Sāpes un diskomforts"},
    {"en": "Dependence on medicine", "lt": "Priklausomybė nuo vaistų", "lv": "Atkarība no medikamentiem"},
    {"en": "Positive feelings", "lt": "Teigiami jausmai", "lv": "Pozitīvas izjūtas"},
    {"en": "Meaning in life", "lt": "Gyvenimo prasmė", "lv": "Dzīves jēga"},
    {"en": "Thinking and concentration", "lt": "Mąstymas ir susikaupimas", "lv": "Domāšana un koncentrēšanās"},
    {"en": "Safety", "lt": "Saugumas", "lv": "Drošība"},
    {"en": "Physical environment", "lt": "Fizinė aplinka", "lv": "Fiziskā vide"},
    {"en": "Energy", "lt": "Energija", "lv": "Enerģija"},
    {"en": "Body image", "lt": "Kūno įvaizdis", "lv": "Ķermeņa tēls"},
    {"en": "Money", "lt": "Finansiniai ištekliai", "lv": "Finanšu līdzekļi"},
    {"en": "Information", "lt": "Informacija", "lv": "Informācija"},
    {"en": "Leisure", "lt": "Laisvalaikis", "lv": "Brīvais laiks"},
    {"en": "Mobility", "lt": "Judėjimas", "lv": "Pārvietošanās spējas"},
    {"en": "Sleep and rest", "lt": "Miegas ir poilsis", "lv": "Miegs un atpūta"},
    {"en": "Daily activities", "lt": "Kasdienė veikla", "lv": "Ikdienas darbības"},
    {"en": "Capacity for work", "lt": "Darbingumas", "lv": "Darbspējas"},
    {"en": "Self-esteem", "lt": "Savivertė", "lv": "Pašvērtējums"},
    {"en": "Personal relationships", "lt": "Asmeniniai santykiai", "lv": "Personiskās attiecības"},
    {"en": "Sexual activity", "lt": "Lytinis gyvenimas", "lv": "Seksuālā dzīve"},
    {"en": "Support from others", "lt": "Kitų parama", "lv": "Citu atbalsts"},
    {"en": "Home", "lt": "Gyvenamoji vieta", "lv": "Dzīvesvieta"},
    {"en": "Health and social care", "lt": "Sveikatos ir socialinė priežiūra", "lv": "Veselības un sociālā aprūpe"},
    {"en": "Transport", "lt": "Transportas", "lv": "Transports"},
    {"en": "Negative feelings", "lt": "Neigiami jausmai", "lv": "Negatīvas izjūtas"},
)
NAME: Texts = {"en": "WHOQOL-BREF", "lt": "WHOQOL-BREF", "lv": "WHOQOL-BREF"}
DESCRIPTION: Texts = {
    "en": "The World Health Organization's short quality-of-life questionnaire: 26 items answered 1–5, "
    "overall quality of life and health, and four domains.",
    "lt": "Pasaulio sveikatos organizacijos trumpasis gyvenimo kokybės klausimynas: 26 teiginiai, "
    "vertinami 1–5, bendra gyvenimo kokybė ir sveikata bei keturios sritys.",
    "lv": "Pasaules Veselības organizācijas īsā dzīves kvalitātes anketa: 26 jautājumi ar atbildēm 1–5, "
    "dzīves kvalitāte un veselība kopumā un četras jomas.",
}
