"""Files the batch must survive: look-alike documents that are not agreements, and broken files.

Every builder returns the file's bytes and the page count the gold should state (None when the
file cannot be read at all).
"""

from __future__ import annotations

import io
import random
import zipfile

from reportlab.lib.pdfencrypt import StandardEncryption

from corpus.tools.blocks import Block, Para, Row, Table
from corpus.tools.content import District
from corpus.tools.formats import group
from corpus.tools.render_pdf import Style, render

HMSI_2023 = "Hessisches Ministerium für Soziales und Integration"
HMSI_2025 = "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"


def _pdf(blocks: list[Block], **style: object) -> tuple[bytes, int]:
    data, out = render(blocks, Style(**style))  # type: ignore[arg-type]
    return data, out.page_count


def _paras(*texts: str) -> list[Block]:
    return [Para(t, align="justify") for t in texts]


def press_release_pdf() -> tuple[bytes, int]:
    blocks: list[Block] = [
        Para(HMSI_2023, bold=True, space_before=0),
        Para("Pressestelle", space_before=2),
        Para("Pressemitteilung", scale=1.4, bold=True, space_before=18),
        Para("Wiesbaden, 14. März 2023", space_before=6),
        Para(
            "Land stellt 44 Millionen Euro für Ausbildung und Qualifizierung bereit",
            scale=1.25,
            bold=True,
            space_before=14,
        ),
        *_paras(
            "Das Hessische Ministerium für Soziales und Integration (HMSI) hat mit allen 26 Landkreisen und "
            "kreisfreien Städten Zielvereinbarungen zum Ausbildungs- und Qualifizierungsbudget (AQB) für das "
            "Jahr 2023 abgeschlossen. Insgesamt stehen rund 44 Mio. Euro zur Verfügung, mit denen die Kreise "
            "und Städte eigene Projekte für junge Menschen, Langzeitarbeitslose und Zugewanderte "
            "finanzieren.",
            "Zu den größten Empfängern gehören der Main-Kinzig-Kreis mit 2.610.450 Euro, die Stadt Kassel "
            "mit "
            "2.005.300 Euro und die Stadt Frankfurt am Main mit 3.880.000 Euro. Der Vogelsbergkreis erhält "
            "612.000 Euro, der Landkreis Fulda 1.194.250 Euro.",
            "„Das Budget gibt den Regionen die Freiheit, selbst zu entscheiden, welche Angebote vor Ort "
            "gebraucht werden“, erklärte ein Sprecher des Ministeriums. Die Mittel werden vom "
            "Regierungspräsidium Kassel auf Antrag bewilligt. Die Zielvereinbarungen werden im Laufe des "
            "Jahres auf der Internetseite des HMSI veröffentlicht.",
            "Pressekontakt: Pressestelle des HMSI, Telefon 0611 000000, presse@example.hessen.de",
        ),
    ]
    return _pdf(blocks, footer="plain")


def press_release_txt() -> bytes:
    text = (
        "PRESSEMITTEILUNG\n\n"
        f"{HMSI_2025} (HMSI)\n\n"
        "Wiesbaden, 3. Juni 2025\n\n"
        "Ausbildungs- und Qualifizierungsbudget 2025: Zielvereinbarungen unterzeichnet\n\n"
        "Das Land Hessen unterstützt die Kreise und kreisfreien Städte auch 2025 mit dem Ausbildungs- und "
        "Qualifizierungsbudget. Staatsministerin Heike Hofmann hat die Zielvereinbarungen mit den 26 "
        "Gebietskörperschaften unterzeichnet. Für das Jahr 2025 stehen insgesamt 46 Mio. Euro bereit.\n\n"
        "Der Landkreis Kassel erhält 1.310.200 Euro, der Kreis Offenbach 2.104.800 Euro und die Stadt "
        "Offenbach am Main 1.566.000 Euro. Gefördert werden Maßnahmen der Ausbildungsvorbereitung, "
        "Ausbildung "
        "und Ausbildungscoaching, Qualifizierungsprojekte zur Arbeitsmarktintegration und "
        "Fachkräftesicherung "
        "sowie Weiterbildungen für Fachpersonal.\n\n"
        "Weitere Informationen finden Sie auf dem Portal „Arbeitswelt Hessen“.\n"
    )
    return text.encode("utf-8")


def bescheid_pdf() -> tuple[bytes, int]:
    blocks: list[Block] = [
        Para("Regierungspräsidium Kassel", bold=True, scale=1.2, space_before=0),
        Para("Dezernat 33 – Arbeitsmarktförderung", space_before=2),
        Para("Regierungspräsidium Kassel · Postfach · 34112 Kassel", scale=0.8, space_before=24),
        Para("Kreisausschuss des Landkreises Gießen", space_before=4),
        Para("Fachdienst Arbeit und Soziales", space_before=2),
        Para("35390 Gießen", space_before=2),
        Para("Kassel, 21. Februar 2022", align="right", space_before=18),
        Para("Zuwendungsbescheid", scale=1.3, bold=True, space_before=18),
        Para(
            "Ausbildungs- und Qualifizierungsbudget 2022 – Aktenzeichen RPKS-33-AQB-2022-0531",
            bold=True,
            space_before=4,
        ),
        *_paras(
            "Sehr geehrte Damen und Herren,",
            "auf Ihren Antrag vom 12.01.2022 bewillige ich Ihnen auf der Grundlage der Zielvereinbarung "
            "zwischen dem Hessischen Ministerium für Soziales und Integration und dem Landkreis Gießen für "
            "das "
            "Haushaltsjahr 2022 eine Zuwendung in Höhe von",
        ),
        Para("1.512.350,00 €", align="center", bold=True, space_before=8),
        *_paras(
            "(in Worten: eine Million fünfhundertzwölftausenddreihundertfünfzig Euro) als "
            "Festbetragsfinanzierung.",
            "Der Bewilligungszeitraum beginnt am 01.01.2022 und endet am 31.12.2022. Der Verwendungsnachweis "
            "ist bis zum 30.06.2023 vorzulegen. Die Allgemeinen Nebenbestimmungen für Zuwendungen zur "
            "Projektförderung (ANBest-P) sind Bestandteil dieses Bescheides.",
            "Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe "
            "Klage "
            "beim Verwaltungsgericht Kassel erhoben werden.",
            "Mit freundlichen Grüßen",
            "Im Auftrag",
        ),
        Para("gez. Wendelin Marx", space_before=24),
    ]
    return _pdf(blocks, family="Times", footer="seite_von")


def strategy_pdf() -> tuple[bytes, int]:
    blocks: list[Block] = [
        Para(
            "Regionale Arbeitsmarkt- und Ausbildungsstrategie des Vogelsbergkreises 2021–2025",
            bold=True,
            scale=1.2,
            space_before=0,
        ),
        Para("3 Handlungsfelder und Instrumente", bold=True, space_before=14),
        *_paras(
            "Der Vogelsbergkreis setzt bei der Umsetzung seiner Strategie auf die enge Verzahnung der "
            "Rechtskreise. Ein zentrales Instrument ist das Ausbildungs- und Qualifizierungsbudget des "
            "Landes "
            "Hessen, über das jährlich eine Zielvereinbarung mit dem Hessischen Ministerium für Soziales und "
            "Integration abgeschlossen wird.",
            "In den vergangenen Jahren lag das Budget zwischen 450.000 Euro und 620.000 Euro. Die Mittel "
            "fließen vor allem in die Ausbildungsvorbereitung und in Qualifizierungsprojekte zur "
            "Arbeitsmarktintegration und Fachkräftesicherung.",
        ),
        Para("3.1 Ausbildungsvorbereitung", bold=True, space_before=10),
        *_paras(
            "Angebote wie die Produktionsschule Lauterbach bereiten junge Menschen praxisnah auf eine "
            "Ausbildung vor. Ziel ist es, die Zahl der Jugendlichen ohne Anschluss nach der Schule bis "
            "2025 deutlich zu senken."
        ),
        Para("3.2 Fachkräftesicherung im ländlichen Raum", bold=True, space_before=10),
        *_paras(
            "Mobile Qualifizierungsangebote erreichen auch Menschen in den kleineren Gemeinden. Die "
            "Kreisverwaltung prüft, wie diese Angebote verstetigt werden können."
        ),
    ]
    return _pdf(
        blocks,
        footer="seite",
        header="Arbeitsmarkt- und Ausbildungsstrategie Vogelsbergkreis",
        header_first_page=True,
    )


def invitation_txt() -> bytes:
    text = (
        "Von: Referat II 4, HMSI\n"
        "An: Fachdienst Arbeit, Landkreis Fulda\n"
        "Betreff: Einladung zur Umsetzungsbesprechung AQB 2024\n\n"
        "Sehr geehrte Damen und Herren,\n\n"
        "wie in § 6 der Zielvereinbarung vorgesehen, lade ich Sie herzlich zur diesjährigen "
        "Umsetzungsbesprechung zum Ausbildungs- und Qualifizierungsbudget ein.\n\n"
        "Termin: Dienstag, 15. Oktober 2024, 10:00 bis 12:30 Uhr\n"
        "Ort: Videokonferenz (der Link folgt)\n\n"
        "Tagesordnung:\n"
        " - Stand der Umsetzung der Projekte 2024\n"
        " - Mittelabfluss und Umschichtungen\n"
        " - Ausblick auf das Budget 2025\n\n"
        "Bitte teilen Sie uns bis zum 30.09.2024 mit, wer teilnehmen wird.\n\n"
        "Mit freundlichen Grüßen\n"
        "Im Auftrag\n"
        "Jana Oberländer\n"
        f"{HMSI_2025}\n"
    )
    return text.encode("utf-8")


def overview_pdf(districts: list[District]) -> tuple[bytes, int]:
    rng = random.Random(2020)
    rows = []
    total = 0
    for d in districts:
        value = rng.randrange(400_000, 3_600_000) // 50 * 50
        total += value
        rows.append(Row([d.name, d.ags, f"{group(value)} €"]))
    rows.append(Row(["Hessen insgesamt", "", f"{group(total)} €"], bold=True))
    blocks: list[Block] = [
        Para("Ausbildungs- und Qualifizierungsbudget 2020", bold=True, scale=1.3, space_before=0),
        Para("Übersicht der Mittel nach Gebietskörperschaften", space_before=4),
        Table(
            [0.55, 0.15, 0.30], ["Gebietskörperschaft", "AGS", "Budget 2020"], rows, ["left", "left", "right"]
        ),
        Para("Quelle: Hessisches Ministerium für Soziales und Integration, Stand 31.03.2020", scale=0.85),
    ]
    return _pdf(blocks, footer="seite_von", size=10.5)


def unrelated_letter_txt() -> bytes:
    text = (
        "Kreisausschuss des Werra-Meißner-Kreises\n"
        "Fachbereich Straßenverkehr\n\n"
        "Eschwege, 7. August 2023\n\n"
        "Vollsperrung der Kreisstraße K 12 zwischen Ortsmitte und Gewerbegebiet\n\n"
        "Sehr geehrte Anwohnerinnen und Anwohner,\n\n"
        "wegen Sanierungsarbeiten an der Fahrbahndecke wird die Kreisstraße K 12 vom 21.08.2023 bis "
        "voraussichtlich 15.09.2023 voll gesperrt. Die Umleitung ist ausgeschildert. Die Kosten der "
        "Maßnahme in Höhe von 412.000 Euro trägt der Landkreis.\n\n"
        "Wir bitten um Ihr Verständnis.\n\n"
        "Mit freundlichen Grüßen\n"
        "Ihr Fachbereich Straßenverkehr\n"
    )
    return text.encode("utf-8")


def report_pdf() -> tuple[bytes, int]:
    blocks: list[Block] = [
        Para(
            "Sachbericht zum Ausbildungs- und Qualifizierungsbudget 2019",
            bold=True,
            scale=1.3,
            space_before=0,
        ),
        Para("Werra-Meißner-Kreis – Fachbereich Jugend, Familie, Senioren und Soziales", space_before=4),
        *_paras(
            "Mit der Zielvereinbarung vom 14.05.2019 wurden dem Werra-Meißner-Kreis 598.300 Euro zur "
            "Verfügung "
            "gestellt. Der folgende Bericht fasst die Umsetzung der Projekte zusammen.",
        ),
        Table(
            [0.5, 0.25, 0.25],
            ["Projekt", "Teilnehmende", "Ausgaben"],
            [
                Row(["1. Ausbildungsvorbereitung"], bold=True, span=True),
                Row(["Jugendwerkstatt Eschwege", "24", "131.200 €"]),
                Row(["3. Qualifizierungsprojekte"], bold=True, span=True),
                Row(["Neustart 50plus", "31", "204.650 €"]),
                Row(["Einstieg in die Pflege", "18", "189.300 €"]),
                Row(["4. Weiterbildung für Fachpersonal"], bold=True, span=True),
                Row(["Schulung Fallmanagement", "12", "21.900 €"]),
            ],
            ["left", "right", "right"],
        ),
        *_paras(
            "Nicht verausgabte Mittel in Höhe von 51.250 Euro wurden zurückgezahlt. Die Ziele der "
            "Vereinbarung wurden überwiegend erreicht."
        ),
    ]
    return _pdf(blocks, footer="seite_von")


# --- broken files ---------------------------------------------------------------------------


def truncated(pdf: bytes) -> bytes:
    """The first 40 % of a valid PDF: no xref, no trailer, most page objects missing."""
    return pdf[: len(pdf) * 2 // 5]


def html_page() -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>Seite nicht gefunden</title>'
        "</head>\n<body><h1>404 – Seite nicht gefunden</h1><p>Die angeforderte Zielvereinbarung ist nicht "
        "mehr verfügbar.</p></body></html>\n"
    ).encode()


def zip_archive() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("zielvereinbarung.txt", date_time=(2024, 1, 1, 0, 0, 0))
        z.writestr(info, "Zielvereinbarung 2024 – Inhalt im Archiv\n")
    return buf.getvalue()


def encryption() -> StandardEncryption:
    return StandardEncryption(userPassword="geheim", ownerPassword="owner", strength=128)


def garbage_body(pdf: bytes, seed: int) -> bytes:
    """Keep the header and the last bytes, overwrite the objects and break the xref offsets."""
    rng = random.Random(seed)
    start, end = len(pdf) // 10, len(pdf) - 60
    noise = bytes(rng.randrange(256) for _ in range(end - start))
    tail = pdf[end:].replace(b"startxref", b"startxref\n99999999")
    return pdf[:start] + noise + tail


def random_bytes(seed: int, n: int = 3000) -> bytes:
    """Not text in any encoding: NULs, control bytes and invalid UTF-8/UTF-16 sequences."""
    rng = random.Random(seed)
    return bytes(
        0 if rng.random() < 0.3 else rng.choice([rng.randrange(32), rng.randrange(128, 256)])
        for _ in range(n)
    )
