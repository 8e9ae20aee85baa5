"""Alternative phrasings for every paragraph of an agreement (placeholders filled by compose).

Placeholders: {acr} {m_nom} {M_nom} {m_dat} {m_gen} {d_nom} {D_nom} {d_dat} {d_acc} {d_gen}
{year} {next_year} {s_money} {s_measures} {buendnis} {portal} {cat1}.
"""

from __future__ import annotations

PRAEAMBEL = [
    "Erfolgreiche Arbeitsmarktpolitik bindet die regionalen Akteure des Arbeitsmarktes in eine "
    "gemeinsame, auf die Zukunftsanforderungen fokussierte Strategie ein. Dafür will {m_nom} ({acr}) "
    "regionale Handlungs- und Entscheidungsspielräume eröffnen und vereinbart dazu Ziele mit den Kreisen "
    "und kreisfreien Städten. Bei allen Maßnahmen und Angeboten, die über das Ausbildungs- und "
    "Qualifizierungsbudget umgesetzt werden, orientiert sich das {acr} an den landespolitischen "
    "Zielsetzungen der Arbeitsmarktpolitik, {buendnis} sowie an der regionalen Arbeitsmarkt- und "
    "Ausbildungsstrategie {d_gen}.",
    "Mit dem Ausbildungs- und Qualifizierungsbudget unterstützt das Land Hessen die Kreise und kreisfreien "
    "Städte dabei, eigene arbeitsmarktpolitische Schwerpunkte zu setzen. Die vorliegende Zielvereinbarung "
    "beschreibt die gemeinsamen Ziele {m_gen} ({acr}) und {d_gen} für das Jahr {year} und legt die Mittel "
    "fest, die hierfür bereitgestellt werden.",
    "Die Vereinbarungspartner sind sich einig, dass gute Ausbildung und Qualifizierung der Schlüssel für "
    "gesellschaftliche Teilhabe und für die Sicherung des Fachkräftebedarfs in Hessen sind. Auf der "
    "Grundlage der regionalen Arbeitsmarkt- und Ausbildungsstrategie {d_gen} schließen {m_nom} ({acr}) "
    "und {d_nom} deshalb für das Budgetjahr {year} die folgende Vereinbarung.",
]
PRAEAMBEL_INKLUSIV = (
    "Die Maßnahmen sind grundsätzlich genderadäquat, ohne Altersbegrenzungen und inklusiv angelegt und "
    "überdies den Leitlinien der UN-Behindertenrechtskonvention verpflichtet."
)

S1_TITLES = [
    "Ausbildungs- und Qualifizierungsbudget",
    "Ziele des Landes",
    "Zielsetzung",
    "Ziele des Ausbildungs- und Qualifizierungsbudgets",
]
S1_MAIN = [
    "Das {acr} verfolgt mit dem Ausbildungs- und Qualifizierungsbudget {year} das Ziel, die "
    "Ausbildungsfähigkeit von benachteiligten Menschen zu steigern, ihre Beschäftigungsfähigkeit zu "
    "sichern, ihnen Ausbildungsabschlüsse zu ermöglichen und sie durch längerfristige, flexible und "
    "arbeitsmarktnahe Qualifizierung zu einer eigenständigen Existenzsicherung zu befähigen. Der flexible "
    "und ganzheitliche Handlungsansatz des Budgets bietet den Kreisen und kreisfreien Städten die "
    "Möglichkeit, bedarfsorientierte Angebote für unterschiedliche Zielgruppen auf Basis der regional "
    "entwickelten Arbeitsmarkt- und Ausbildungsstrategie umzusetzen.",
    "Ziel des Landes ist es, jungen Menschen und Erwachsenen mit besonderem Unterstützungsbedarf den Weg "
    "in Ausbildung und Beschäftigung zu ebnen. Mit dem Ausbildungs- und Qualifizierungsbudget erhalten die "
    "Kreise und kreisfreien Städte ein flexibles Instrument, mit dem sie passgenaue Angebote für ihre "
    "Region entwickeln und umsetzen können. Die Verantwortung für die Auswahl der Maßnahmen liegt vor Ort.",
    "{M_nom} will mit dem Ausbildungs- und Qualifizierungsbudget die Ausbildungs- und "
    "Beschäftigungschancen von Menschen verbessern, die am Arbeitsmarkt benachteiligt sind. Dazu gehören "
    "insbesondere junge Menschen ohne Berufsabschluss, Langzeitarbeitslose, Alleinerziehende sowie "
    "Menschen mit Migrationshintergrund. Die Förderung setzt dort an, wo die Regelinstrumente der "
    "Arbeitsförderung nicht ausreichen.",
]
S1_EXTRA = {
    "rechtskreis": "Bei der Erreichung dieses Ziels setzt das {acr} auf einen rechtskreisübergreifenden "
    "Förderansatz in den hessischen Kreisen und kreisfreien Städten. Nur wenn die einzelnen Rechtskreise "
    "SGB II, III, VIII, XII und AsylbLG sinnvoll zusammenwirken und weitere regionale Akteure aus "
    "Arbeitsmarkt und Wirtschaft einbezogen sind, können tragfähige Unterstützungsstrukturen geschaffen "
    "werden.",
    "teilzeit": "Dem Land Hessen ist es wichtig, Menschen mit familiensorgenden Tätigkeiten einen "
    "vollqualifizierenden Berufsabschluss zu ermöglichen. Daher werden spezifisch Mittel für Maßnahmen "
    "zur Ermöglichung von Teilzeitausbildungen bereitgestellt.",
    "schwerpunkte": "Schwerpunkte im Ausbildungs- und Qualifizierungsbudget sind Maßnahmen zur {cat1}, zu "
    "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen, Qualifizierungsprojekte zur "
    "Arbeitsmarktintegration und Fachkräftesicherung sowie Weiterbildungen für Fachpersonal der "
    "Gebietskörperschaften.",
    "landesweit": "Landesweit stehen im Jahr {year} für das Ausbildungs- und Qualifizierungsbudget "
    "insgesamt rund {hessen} Mio. Euro zur Verfügung.",
}

S2_TITLES = [
    "Verpflichtungen der Vereinbarungspartner",
    "Pflichten der Vereinbarungspartner",
    "Zusammenarbeit der Vereinbarungspartner",
]
S2_MAIN = [
    "{M_nom} und {d_nom} setzen die ihnen zur Verfügung stehenden Kompetenzen dafür ein, dass die in "
    "§ {s_measures} vereinbarten Ziele erreicht werden. Die Entscheidung über den Mitteleinsatz erfolgt im "
    "Kontext der von {d_dat} erarbeiteten und regelmäßig zu aktualisierenden regionalen Ausbildungs- und "
    "Arbeitsmarktstrategie, die mit den regionalen Akteuren der Rechtskreise SGB II, III, VIII, XII und "
    "AsylbLG, der Wirtschaft und – für den Bereich des Übergangs von der Schule in den Beruf – mit den "
    "regionalen OloV-Steuerungsgruppen abgestimmt ist.",
    "Die Vereinbarungspartner verpflichten sich, die in dieser Vereinbarung festgelegten Ziele gemeinsam "
    "zu verfolgen. {D_nom} stellt sicher, dass die Mittel entsprechend der regionalen Arbeitsmarkt- und "
    "Ausbildungsstrategie eingesetzt werden, und stimmt den Mitteleinsatz mit dem Jobcenter, der Agentur "
    "für Arbeit und der regionalen Wirtschaft ab. Das {acr} unterstützt {d_acc} durch fachliche Beratung "
    "und Begleitung.",
    "{D_nom} verpflichtet sich, die zur Verfügung gestellten Mittel ausschließlich für die in "
    "§ {s_measures} genannten Maßnahmen einzusetzen. Das {acr} stellt die Mittel nach Maßgabe des "
    "Landeshaushalts rechtzeitig bereit. Beide Seiten informieren sich gegenseitig frühzeitig über "
    "Entwicklungen, die die Zielerreichung gefährden könnten.",
]
S2_MIGRATION = (
    "Im Jahr {year} werden im Rahmen des AQB erneut Landesmittel für spezifische Angebote zur Integration "
    "von Menschen mit Migrationshintergrund zur Verfügung gestellt. Die geförderten Angebote sind durch "
    "eine hohe Individualität und Vielfalt gekennzeichnet."
)
ROUNDED = [
    "Für die Umsetzung stehen {d_dat} im Jahr {year} rund {rounded} zur Verfügung; die genaue Höhe der "
    "Mittel ergibt sich aus § {s_money}.",
    "Mit einem Budget von rund {rounded} kann {d_nom} auch im Jahr {year} ein breites Angebot vorhalten.",
]

S3_TITLES = [
    "Umsetzung der UN-Behindertenrechtskonvention",
    "UN-Behindertenrechtskonvention",
    "Inklusion und UN-Behindertenrechtskonvention",
]
S3_MAIN = [
    "Die Integration in das Erwerbsleben stellt aus der Sicht {m_gen} eine der vordringlichsten Maßnahmen "
    "zur Förderung der Teilhabe von Menschen mit Behinderungen dar. Auch angesichts der demografischen "
    "Entwicklung und eines damit verbundenen aktuellen und zukünftigen Fachkräftemangels kommt der "
    "nachhaltigen Förderung von Maßnahmen zur Integration von Menschen mit Behinderungen in den "
    "Arbeitsprozess eine große Bedeutung zu.",
    "Die Vereinbarungspartner setzen sich dafür ein, dass Menschen mit Behinderungen gleichberechtigt an "
    "den Angeboten des Ausbildungs- und Qualifizierungsbudgets teilhaben können. Die Maßnahmen sind, "
    "soweit möglich, barrierefrei zu gestalten. {D_nom} berücksichtigt bei der Auswahl der Projekte die "
    "Leitlinien der UN-Behindertenrechtskonvention.",
    "Inklusion ist ein Leitgedanke des Ausbildungs- und Qualifizierungsbudgets. Bei der Konzeption und "
    "Durchführung der Maßnahmen ist darauf zu achten, dass Menschen mit Behinderungen nicht ausgeschlossen "
    "werden und, wo erforderlich, angemessene Vorkehrungen getroffen werden.",
]

S4_TITLES = [
    "Haushaltsmittel und Eckdaten",
    "Finanzierung",
    "Haushaltsmittel",
    "Fördermittel und Eckdaten",
    "Höhe der Zuwendung",
]
# "center": the total stands alone on its own centred line between the two halves of the sentence.
S4_CENTER = (
    "Das {acr} stellt {d_dat} im Jahr {year} Haushaltsmittel in Höhe von insgesamt",
    "aus dem Ausbildungs- und Qualifizierungsbudget {year} zur Verfügung.",
)
S4_INLINE = [
    "Für die Umsetzung dieser Zielvereinbarung im Haushaltsjahr {year} stellt das Land Hessen {d_dat} "
    "Mittel in Höhe von {total}{words} zur Verfügung.",
    "{D_nom} erhält im Jahr {year} aus dem Ausbildungs- und Qualifizierungsbudget Landesmittel in Höhe "
    "von insgesamt {total}{words}.",
    "Das Budget {d_gen} für das Jahr {year} beträgt {total}{words}.",
]
S4_VORBEHALT = (
    "Die Bereitstellung der Mittel steht unter dem Vorbehalt der Verfügbarkeit von Haushaltsmitteln."
)
S4_TABLE_INTRO = [
    "Die Mittel verteilen sich wie folgt auf die Maßnahmenarten:",
    "Die Haushaltsmittel werden wie folgt auf die Maßnahmenarten aufgeteilt:",
]
S4_PARTICIPANTS = (
    "Mit den Mitteln sollen im Jahr {year} insgesamt rund {people} Teilnehmende erreicht werden."
)
S4_SHIFT = "Umschichtungen zwischen den Maßnahmenarten sind nach vorheriger Abstimmung mit dem {acr} möglich."

S5_TITLES = [
    "Ziele für die Umsetzung {d_gen}",
    "Maßnahmen",
    "Geförderte Maßnahmen",
    "Ziele und Maßnahmen {d_gen}",
    "Maßnahmen und Projekte",
]
S5_INTRO = [
    "{D_nom} finanziert mit den Mitteln des **Ausbildungs- und Qualifizierungsbudgets {year}** in den "
    "jeweiligen Maßnahmenarten folgende Projekte:",
    "Mit den Mitteln nach § {s_money} werden die folgenden Maßnahmen gefördert:",
    "Im Jahr {year} setzt {d_nom} mit den Mitteln des Budgets die nachstehenden Projekte um:",
]
# {auth_von} "vom Regierungspräsidium Kassel", {auth_gen} "des Regierungspräsidiums Kassel"
S5_AUTHORITY = [
    "Die Förderung der aufgeführten Maßnahmen erfolgt auf Basis und nach Maßgabe des – nach Antragstellung "
    "durch {d_acc} {auth_von} erlassenen – Bescheides.",
    "Grundlage der Förderung ist der Zuwendungsbescheid {auth_gen}.",
    "Die Bewilligung der Mittel erfolgt auf Antrag {d_gen} durch {auth_acc}.",
]
S5_NO_AUTHORITY = "Änderungen der Projektauswahl sind mit dem {acr} abzustimmen."

S6_TITLES = ["Zielsteuerung", "Zielsteuerung und Berichtswesen", "Steuerung und Controlling"]
S6_MAIN = [
    "{D_nom} und das {acr} bleiben über die Entwicklung des Budgets {year} im engen Austausch. Dazu wird "
    "unter anderem eine Umsetzungsbesprechung im Herbst angesetzt.",
    "{D_nom} berichtet dem {acr} bis zum 31. März {next_year} über die Umsetzung der Maßnahmen und die "
    "Zielerreichung. Grundlage ist das vom {acr} bereitgestellte Berichtsformat.",
    "Die Zielerreichung wird anhand der vereinbarten Eckdaten im Rahmen eines jährlichen "
    "Zielsteuerungsgesprächs überprüft. Das Gespräch findet in der Regel im vierten Quartal statt.",
]
S6_DEVIATION = (
    "Unterjährige Abweichungen von den in § {s_money} genannten Haushaltsmitteln und Eckdaten "
    "werden bei der Beurteilung der Zielerreichung berücksichtigt."
)

S7_TITLES = [
    "Kontinuierlicher Verbesserungsprozess",
    "Erfahrungsaustausch und Veröffentlichung",
    "Qualitätsentwicklung",
]
S7_MAIN = [
    "{D_nom} beteiligt sich an Umfragen und Tagungen des {acr} mit dem Ziel, Erfahrungen auszutauschen, "
    "gute Praxis zu identifizieren und neue Impulse für die regionale Arbeitsmarkt- und Ausbildungspolitik "
    "zu setzen.",
    "Die Vereinbarungspartner verständigen sich darauf, die Wirksamkeit der Maßnahmen regelmäßig zu "
    "überprüfen und die Angebote bei Bedarf weiterzuentwickeln. Die Ergebnisse fließen in die "
    "Fortschreibung der regionalen Arbeitsmarkt- und Ausbildungsstrategie ein.",
]
S7_PUBLISH = "Die Zielvereinbarungen werden {portal} veröffentlicht."
MERGED_TITLE = "Zielsteuerung und Erfahrungsaustausch"

S8_TITLES = ["Inkrafttreten", "Laufzeit"]
S8_MAIN = [
    "Diese Zielvereinbarung tritt mit ihrer Unterzeichnung in Kraft und gilt für den Zeitraum vom "
    "1. Januar {year} bis zum 31. Dezember {year}.",
    "Die Vereinbarung gilt für das Haushaltsjahr {year}. Mittel, die bis zum 31.12.{year} nicht gebunden "
    "sind, fallen an das Land zurück.",
]


def buendnis(year: int) -> str:
    if year <= 2014:
        return "dem Hessischen Pakt für Ausbildung"
    if year <= 2019:
        return "dem „Bündnis Ausbildung Hessen 2015 – 2019“"
    if year <= 2024:
        return "dem „Bündnis Ausbildung Hessen 2020 – 2024“"
    return "dem „Bündnis für Ausbildung für die Jahre 2025 bis 2029“"


def portal(year: int) -> str:
    if year >= 2020:
        return "auf dem Internetportal des HMSI „Arbeitswelt Hessen“"
    return "auf der Internetseite des HMSI"
