"""Texts written for the tests (not evaluation data)."""

GERMAN = (
    "Die Bundesregierung hat am Mittwoch neue Regeln für den Schutz personenbezogener Daten beschlossen. "
    "Unternehmen müssen künftig genauer erklären, wofür sie die Angaben ihrer Kunden verwenden.\n"
    "Verbraucherschützer begrüßten die Entscheidung, forderten aber strengere Kontrollen durch die zuständigen "
    "Behörden der Länder. Viele kleine Betriebe fürchten dagegen zusätzliche Kosten und mehr Bürokratie.\n"
    "Nach Angaben des Ministeriums sollen die neuen Vorschriften im kommenden Frühjahr in Kraft treten. Bis dahin "
    "haben die Firmen Zeit, ihre Verfahren anzupassen und ihre Mitarbeiter entsprechend zu schulen.\n"
    "Die Opposition im Bundestag kritisierte, dass die Regierung die Verbände zu spät angehört habe. Sie kündigte "
    "an, den Entwurf in den Ausschüssen gründlich zu prüfen und eigene Vorschläge vorzulegen.\n"
)
