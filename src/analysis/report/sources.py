"""The five source documents: full citations, and their titles in place of hashed file names.

Readers see a source by its title; the file name (and line) stays as provenance detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """One source document as cited on the site."""

    file: str
    short: str  # how prose names it
    title: str
    organisation: str
    year: str
    place: str
    kind: str

    def citation(self) -> str:
        """Full citation (Markdown): organisation (year). *Title*. Kind. Place. File."""
        return (f"{self.organisation} ({self.year}). *{self.title}*. {self.kind}. {self.place}. "
                f"Transcribed from `{self.file}`.")


SOURCES: tuple[Source, ...] = (
    Source("000_b67849be9a3b9684.txt", "Pilot Praktijkvarianten",
           "Pilot Praktijkvarianten: opzet, proces en opbrengsten. Praktijkondersteuning in de "
           "huisartsenpraktijk op het gebied van Jeugd en Gezin getest in de praktijk",
           "Gemeente Utrecht", "2020", "Utrecht", "Report (notitie)"),
    Source("001_05c47cd6b59af492.txt", "Praktijkwijzer",
           "Praktijkwijzer voor jeugd- en gezinshulp in de huisartsenpraktijk",
           "Gemeente Utrecht", "2020, April", "Utrecht", "Practice guide"),
    Source("002_5a46a60107538642.txt", "Extra capaciteit buurtteams (news item)",
           "Extra capaciteit buurtteams Jeugd en Gezin voor verstevigen samenwerking met "
           "huisartsen",
           "Gemeente Utrecht", "2020", "Utrecht", "News item"),
    Source("003_f85866b804c6868a.txt", "Heb oog voor elkaars professionaliteit (interview)",
           "Heb oog voor elkaars professionaliteit (interview with Heleen Stevenson, project "
           "leader Ondersteuner Jeugd en Gezin), in: Van gebiedsregisseur tot informatieanalist, "
           "nieuwe functies in het sociaal domein",
           "De Meijer, M., Vilans", "2018, 31 May", "Utrecht; pilots in Groningen", "Interview"),
    Source("004_f014f4dd1ed6983f.txt", "Blauwe Zorg in de wijk, Eindrapport",
           "Eindrapport Blauwe Zorg in de wijk: resultaten projecten en interventies 2016–2020, "
           "met bijlagen (POH Jeugd, Gezinsregie, Positieve Gezondheid, Your Coach Next Door, "
           "Blauwe GGZ)",
           "Wijnands-Hoekstra, I. (ZIO Zorg in Ontwikkeling), for Blauwe Zorg in de wijk",
           "2021", "Maastricht-Heuvelland", "Final report with appendices"),
)
BY_FILE = {s.file: s for s in SOURCES}
_FILE = re.compile(r"\b(00[0-4]_[0-9a-f]{16}\.txt)\b")


def name_sources(text: str) -> str:
    """Replace each hashed source file name in ``text`` by the document's short title."""
    return _FILE.sub(lambda m: BY_FILE[m.group(1)].short if m.group(1) in BY_FILE else m.group(1),
                     text)
