"""The one catalogue of user-facing text, in English and French.

Every message a steward or a Directorate reads (rejections, warnings, summaries) is rendered from
here, so both languages stay in step and wording is reviewed in one place. Each entry has a
``message`` (what is wrong) and a ``fix`` (what to do); placeholders use ``str.format`` names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("en", "fr")

CATALOGUE: dict[str, dict[str, dict[str, str]]] = {
    # --- whole-file problems -------------------------------------------------------------------
    "not_xlsx": {
        "message": {
            "en": "The file is not an Excel workbook (.xlsx){detail}.",
            "fr": "Le fichier n'est pas un classeur Excel (.xlsx){detail}.",
        },
        "fix": {
            "en": "Save the return as 'Excel Workbook (*.xlsx)' and send it again.",
            "fr": "Enregistrez le rapport au format « Classeur Excel (*.xlsx) » et renvoyez-le.",
        },
    },
    "empty_file": {
        "message": {
            "en": "The file is empty (0 bytes): nothing arrived.",
            "fr": "Le fichier est vide (0 octet) : rien n'est arrivé.",
        },
        "fix": {
            "en": "Attach the workbook again and send it again.",
            "fr": "Joignez à nouveau le classeur et renvoyez-le.",
        },
    },
    "detail_old_xls": {
        "message": {
            "en": " (it is an old .xls workbook)",
            "fr": " (c'est un ancien classeur .xls)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "detail_text_file": {
        "message": {
            "en": " (it looks like a text or CSV file)",
            "fr": " (il ressemble à un fichier texte ou CSV)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "detail_opendocument": {
        "message": {
            "en": " (it is an OpenDocument spreadsheet)",
            "fr": " (c'est un classeur OpenDocument)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "detail_no_workbook": {
        "message": {
            "en": " (no workbook inside the package)",
            "fr": " (le paquet ne contient aucun classeur)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "detail_uncompressed": {
        "message": {"en": "{size} once uncompressed", "fr": "{size} une fois décompressé"},
        "fix": {"en": "", "fr": ""},
    },
    "detail_cells": {
        "message": {"en": "{cells} cells", "fr": "{cells} cellules"},
        "fix": {"en": "", "fr": ""},
    },
    "detail_dtd": {
        "message": {
            "en": "its part {part} declares a DTD",
            "fr": "sa partie {part} déclare une DTD",
        },
        "fix": {"en": "", "fr": ""},
    },
    "detail_expands": {
        "message": {
            "en": "its part {part} expands {ratio}×",
            "fr": "sa partie {part} se décompresse {ratio}×",
        },
        "fix": {"en": "", "fr": ""},
    },
    "encrypted": {
        "message": {
            "en": "The workbook is protected by a password, so it cannot be read.",
            "fr": "Le classeur est protégé par un mot de passe et ne peut pas être lu.",
        },
        "fix": {
            "en": "Remove the password (File > Info > Protect Workbook) and send it again.",
            "fr": "Retirez le mot de passe (Fichier > Informations > Protéger le classeur) "
            "et renvoyez-le.",
        },
    },
    "macro_enabled": {
        "message": {
            "en": "The workbook contains macros, which are not accepted.",
            "fr": "Le classeur contient des macros, qui ne sont pas acceptées.",
        },
        "fix": {
            "en": "Save it as a macro-free 'Excel Workbook (*.xlsx)' and send it again.",
            "fr": "Enregistrez-le comme « Classeur Excel (*.xlsx) » sans macros et renvoyez-le.",
        },
    },
    "corrupt": {
        "message": {
            "en": "The workbook is damaged, or was written by a program that does not follow the "
            "Excel format, so it cannot be read (detail: {detail}).",
            "fr": "Le classeur est endommagé, ou a été écrit par un programme qui ne respecte pas "
            "le format Excel, et ne peut pas être lu (détail : {detail}).",
        },
        "fix": {
            "en": "Open it in Excel or LibreOffice, save it again as 'Excel Workbook (*.xlsx)' "
            "and send it again.",
            "fr": "Ouvrez-le dans Excel ou LibreOffice, enregistrez-le à nouveau comme « Classeur "
            "Excel (*.xlsx) » et renvoyez-le.",
        },
    },
    "too_large": {
        "message": {
            "en": "The file is too large: {detail} (limit {limit}).",
            "fr": "Le fichier est trop volumineux : {detail} (limite {limit}).",
        },
        "fix": {
            "en": "Remove unused sheets, rows and images, or ask the office to raise the limit.",
            "fr": "Supprimez les feuilles, lignes et images inutiles, ou demandez au bureau "
            "de relever la limite.",
        },
    },
    "read_failed": {
        "message": {
            "en": "The file could not be read: it is damaged, or was written by a program that "
            "does not follow the format (detail: {detail}).",
            "fr": "Le fichier n'a pas pu être lu : il est endommagé, ou a été écrit par un "
            "programme qui ne respecte pas le format (détail : {detail}).",
        },
        "fix": {
            "en": "Open it in Excel or LibreOffice, save it again as 'Excel Workbook (*.xlsx)' "
            "and send it again; if it still fails, send it to the office for analysis.",
            "fr": "Ouvrez-le dans Excel ou LibreOffice, enregistrez-le à nouveau comme « Classeur "
            "Excel (*.xlsx) » et renvoyez-le ; si l'erreur persiste, transmettez-le au bureau "
            "pour analyse.",
        },
    },
    "missing_sheet": {
        "message": {
            "en": "Sheet '{sheet}' is missing.",
            "fr": "La feuille « {sheet} » est manquante.",
        },
        "fix": {
            "en": "Use the return template of this period; do not rename or delete its sheets.",
            "fr": "Utilisez le modèle de rapport de la période ; ne renommez ni ne supprimez "
            "ses feuilles.",
        },
    },
    "missing_column": {
        "message": {
            "en": "Column '{column}'{aside} is missing from the header row.",
            "fr": "La colonne « {column} »{aside} est absente de la ligne d'en-tête.",
        },
        "fix": {
            "en": "Restore the column header '{column}' in row {row} of the template.",
            "fr": "Rétablissez l'en-tête de colonne « {column} » à la ligne {row} du modèle.",
        },
    },
    "missing_metadata": {
        "message": {
            "en": "The metadata field '{field}' is missing or empty.",
            "fr": "Le champ de métadonnées « {field} » est manquant ou vide.",
        },
        "fix": {
            "en": "Fill '{field}' in column B of the Metadata sheet.",
            "fr": "Renseignez « {field} » dans la colonne B de la feuille Metadata.",
        },
    },
    "unknown_layout_version": {
        "message": {
            "en": "Layout version '{value}' is not supported (supported: {expected}).",
            "fr": "La version de modèle « {value} » n'est pas prise en charge "
            "(versions acceptées : {expected}).",
        },
        "fix": {
            "en": "Download the current return template and copy your figures into it.",
            "fr": "Téléchargez le modèle de rapport actuel et recopiez-y vos chiffres.",
        },
    },
    "unknown_directorate": {
        "message": {
            "en": "Directorate '{value}' is not in the Directorate register.",
            "fr": "La direction « {value} » ne figure pas au registre des directions.",
        },
        "fix": {
            "en": "Use your Directorate's code ({expected}).",
            "fr": "Utilisez le code de votre direction ({expected}).",
        },
    },
    "unknown_period": {
        "message": {
            "en": "Reporting period '{value}' is not in the reporting calendar.",
            "fr": "La période de rapport « {value} » ne figure pas au calendrier de rapport.",
        },
        "fix": {
            "en": "Use a period code such as {expected}.",
            "fr": "Utilisez un code de période tel que {expected}.",
        },
    },
    "period_not_begun": {
        "message": {
            "en": "The return is for {value}, a period that has not begun (it starts on "
            "{expected}).",
            "fr": "Le rapport porte sur {value}, une période qui n'a pas commencé (elle débute "
            "le {expected}).",
        },
        "fix": {
            "en": "Check the reporting period in cell {where}: a return reports on a period "
            "that has begun.",
            "fr": "Vérifiez la période de rapport à la cellule {where} : un rapport porte sur "
            "une période déjà commencée.",
        },
    },
    "file_name_period": {
        "message": {
            "en": "The file name says {named}, but cell {where} says {value}: the return was "
            "taken as the return for {value}.",
            "fr": "Le nom du fichier indique {named}, mais la cellule {where} indique {value} : "
            "le rapport a été pris comme celui de {value}.",
        },
        "fix": {
            "en": "If the return is for {named}, correct cell {where} and send it again.",
            "fr": "Si le rapport porte sur {named}, corrigez la cellule {where} et renvoyez-le.",
        },
    },
    "file_name_directorate": {
        "message": {
            "en": "The file name is for Directorate {named}, but cell {where} says {value}: the "
            "return was not taken.",
            "fr": "Le nom du fichier désigne la direction {named}, mais la cellule {where} "
            "indique {value} : le rapport n'a pas été pris.",
        },
        "fix": {
            "en": "Send each Directorate's return in its own template: correct cell {where}, or "
            "the file name, so that both name the same Directorate.",
            "fr": "Envoyez le rapport de chaque direction dans son propre modèle : corrigez la "
            "cellule {where}, ou le nom du fichier, pour qu'ils désignent la même direction.",
        },
    },
    "missing_deliverable": {
        "message": {
            "en": "Deliverable {value} is not in the return: every deliverable of the "
            "Directorate for {period} must be reported.",
            "fr": "Le livrable {value} ne figure pas dans le rapport : chaque livrable de la "
            "direction pour {period} doit être rapporté.",
        },
        "fix": {
            "en": "Add a row for {value} (if work has not started, write status Not started "
            "and 0 %); do not delete rows of the template.",
            "fr": "Ajoutez une ligne pour {value} (si le travail n'a pas commencé, indiquez le "
            "statut Non commencé et 0 %) ; ne supprimez pas de lignes du modèle.",
        },
    },
    "hidden_row": {
        "message": {
            "en": "Row {row} is hidden but holds data: hidden rows are read like the others.",
            "fr": "La ligne {row} est masquée mais contient des données : les lignes masquées "
            "sont lues comme les autres.",
        },
        "fix": {
            "en": "Delete row {row} if it must not be reported, or unhide it (select the rows "
            "around it, right-click, Unhide) and check it.",
            "fr": "Supprimez la ligne {row} si elle ne doit pas être rapportée, ou affichez-la "
            "(sélectionnez les lignes qui l'entourent, clic droit, Afficher) et vérifiez-la.",
        },
    },
    "hidden_column": {
        "message": {
            "en": "Column {letter} (“{column}”) is hidden but holds data: hidden columns are "
            "read like the others.",
            "fr": "La colonne {letter} (« {column} ») est masquée mais contient des données : "
            "les colonnes masquées sont lues comme les autres.",
        },
        "fix": {
            "en": "Unhide column {letter} (select the columns around it, right-click, Unhide) "
            "and check its values; clear those that must not be reported.",
            "fr": "Affichez la colonne {letter} (sélectionnez les colonnes qui l'entourent, clic "
            "droit, Afficher) et vérifiez ses valeurs ; effacez celles qui ne doivent pas être "
            "rapportées.",
        },
    },
    # --- cell problems -------------------------------------------------------------------------
    "required": {
        "message": {
            "en": "A value is required in column '{column}'{aside}.",
            "fr": "Une valeur est obligatoire dans la colonne « {column} »{aside}.",
        },
        "fix": {
            "en": "Fill the cell.",
            "fr": "Remplissez la cellule.",
        },
    },
    "not_a_number": {
        "message": {
            "en": "'{value}' is not a number (column '{column}'{aside}).",
            "fr": "« {value} » n'est pas un nombre (colonne « {column} »{aside}).",
        },
        "fix": {
            "en": "Type a number only, without text or units.",
            "fr": "Saisissez uniquement un nombre, sans texte ni unité.",
        },
    },
    "not_an_integer": {
        "message": {
            "en": "'{value}' is not a whole number (column '{column}'{aside}).",
            "fr": "« {value} » n'est pas un nombre entier (colonne « {column} »{aside}).",
        },
        "fix": {
            "en": "Type a whole number.",
            "fr": "Saisissez un nombre entier.",
        },
    },
    "not_a_date": {
        "message": {
            "en": "'{value}' is not a date (column '{column}'{aside}).",
            "fr": "« {value} » n'est pas une date (colonne « {column} »{aside}).",
        },
        "fix": {
            "en": "Type the date as YYYY-MM-DD or dd/mm/yyyy, or pick it from the calendar.",
            "fr": "Saisissez la date au format AAAA-MM-JJ ou jj/mm/aaaa, ou choisissez-la "
            "dans le calendrier.",
        },
    },
    "status_in_list": {
        "message": {
            "en": "Status '{value}' is not one of the allowed statuses.",
            "fr": "Le statut « {value} » ne fait pas partie des statuts autorisés.",
        },
        "fix": {
            "en": "Choose one of: {expected}.",
            "fr": "Choisissez l'un des statuts suivants : {expected}.",
        },
    },
    "trend_in_list": {
        "message": {
            "en": "Trend '{value}' is not one of the allowed trends.",
            "fr": "La tendance « {value} » ne fait pas partie des tendances autorisées.",
        },
        "fix": {
            "en": "Choose one of: {expected}.",
            "fr": "Choisissez l'une des tendances suivantes : {expected}.",
        },
    },
    "percent_range": {
        "message": {
            "en": "Percentage {value} is outside 0 to 100.",
            "fr": "Le pourcentage {value} est hors de l'intervalle 0 à 100.",
        },
        "fix": {
            "en": "Type a percentage between 0 and 100.",
            "fr": "Saisissez un pourcentage compris entre 0 et 100.",
        },
    },
    "value_range": {
        "message": {
            "en": "Value {value} in column '{column}'{aside} is outside the allowed values "
            "({expected}).",
            "fr": "La valeur {value} de la colonne « {column} »{aside} est hors des valeurs "
            "autorisées "
            "({expected}).",
        },
        "fix": {
            "en": "Type a value from {expected}.",
            "fr": "Saisissez une valeur de {expected}.",
        },
    },
    "unknown_deliverable": {
        "message": {
            "en": "Deliverable '{value}' is not one of your Directorate's deliverables "
            "for {ip_year}.",
            "fr": "Le livrable « {value} » ne fait pas partie des livrables de votre direction "
            "pour {ip_year}.",
        },
        "fix": {
            "en": "Check the code against the template, or ask the office to update the plan "
            "register.",
            "fr": "Vérifiez le code dans le modèle, ou demandez au bureau de mettre à jour le "
            "registre du plan.",
        },
    },
    "unknown_kpi": {
        "message": {
            "en": "KPI '{value}' is not one of your Directorate's KPIs.",
            "fr": "L'ICP « {value} » ne fait pas partie des ICP de votre direction.",
        },
        "fix": {
            "en": "Check the code against the template.",
            "fr": "Vérifiez le code dans le modèle.",
        },
    },
    "unknown_objective": {
        "message": {
            "en": "Objective '{value}' is not an objective of the Strategic Plan.",
            "fr": "L'objectif « {value} » n'est pas un objectif du Plan stratégique.",
        },
        "fix": {
            "en": "Use one of: {expected}.",
            "fr": "Utilisez l'un des codes suivants : {expected}.",
        },
    },
    "duplicate_row": {
        "message": {
            "en": "'{value}' appears more than once in column '{column}'{aside}.",
            "fr": "« {value} » apparaît plus d'une fois dans la colonne « {column} »{aside}.",
        },
        "fix": {
            "en": "Keep one row per code and delete the others.",
            "fr": "Conservez une ligne par code et supprimez les autres.",
        },
    },
    "completed_not_100": {
        "message": {
            "en": "The deliverable is Completed but {value} % complete.",
            "fr": "Le livrable est Achevé mais achevé à {value} %.",
        },
        "fix": {
            "en": "Set % complete to 100, or choose another status.",
            "fr": "Indiquez 100 en % achevé, ou choisissez un autre statut.",
        },
    },
    "completion_in_future": {
        "message": {
            "en": "Completion date {value} is in the future.",
            "fr": "La date d'achèvement {value} est dans le futur.",
        },
        "fix": {
            "en": "Give the actual completion date, or leave it empty until completion.",
            "fr": "Indiquez la date réelle d'achèvement, ou laissez vide jusqu'à l'achèvement.",
        },
    },
    "comment_required": {
        "message": {
            "en": "A deliverable that is At risk or Delayed needs a comment.",
            "fr": "Un livrable À risque ou En retard doit être commenté.",
        },
        "fix": {
            "en": "Explain the cause and the recovery action in the Comment column.",
            "fr": "Expliquez la cause et la mesure corrective dans la colonne Commentaire.",
        },
    },
    "formula_without_value": {
        "message": {
            "en": "The cell holds a formula whose result was never calculated, so its value "
            "is unknown.",
            "fr": "La cellule contient une formule dont le résultat n'a jamais été calculé ; "
            "sa valeur est donc inconnue.",
        },
        "fix": {
            "en": "Type the value itself instead of a formula (or open the file in Excel, let "
            "it calculate, and save it again).",
            "fr": "Saisissez la valeur elle-même plutôt qu'une formule (ou ouvrez le fichier "
            "dans Excel, laissez-le calculer et enregistrez-le à nouveau).",
        },
    },
    "merged_cells": {
        "message": {
            "en": "Cells {value} are merged; merged cells hide values.",
            "fr": "Les cellules {value} sont fusionnées ; des cellules fusionnées masquent "
            "des valeurs.",
        },
        "fix": {
            "en": "Unmerge the cells (Home > Merge & Center > Unmerge Cells) and fill each row.",
            "fr": "Annulez la fusion (Accueil > Fusionner et centrer > Annuler Fusionner) et "
            "remplissez chaque ligne.",
        },
    },
    # --- warnings ------------------------------------------------------------------------------
    "kpi_value_missing": {
        "message": {
            "en": "KPI '{value}' has no actual value for this period.",
            "fr": "L'ICP « {value} » n'a pas de valeur réelle pour cette période.",
        },
        "fix": {
            "en": "Report the value, or explain in the Comment column why it is not available.",
            "fr": "Indiquez la valeur, ou expliquez dans la colonne Commentaire pourquoi elle "
            "n'est pas disponible.",
        },
    },
    "late_return": {
        "message": {
            "en": "The return for {period} was received on {value}, after the deadline "
            "({expected}).",
            "fr": "Le rapport de {period} a été reçu le {value}, après la date limite "
            "({expected}).",
        },
        "fix": {
            "en": "Send returns by the deadline in the reporting calendar.",
            "fr": "Envoyez les rapports avant la date limite du calendrier de rapport.",
        },
    },
    "normalised": {
        "message": {
            "en": "'{value}' was read as {expected}.",
            "fr": "« {value} » a été lu comme {expected}.",
        },
        "fix": {
            "en": "Nothing to do; next time type {expected}.",
            "fr": "Rien à faire ; la prochaine fois, saisissez {expected}.",
        },
    },
    # --- statistics ----------------------------------------------------------------------------
    "unknown_member": {
        "message": {
            "en": "Member '{value}' is not in the Member register.",
            "fr": "Le Membre « {value} » ne figure pas au registre des Membres.",
        },
        "fix": {
            "en": "Use the ISO 3166 alpha-3 code of the Member{expected}.",
            "fr": "Utilisez le code ISO 3166 alpha-3 du Membre{expected}.",
        },
    },
    "unknown_indicator": {
        "message": {
            "en": "Indicator '{value}' is not in the indicator register.",
            "fr": "L'indicateur « {value} » ne figure pas au registre des indicateurs.",
        },
        "fix": {
            "en": "Use one of the indicator codes of the register: {expected}.",
            "fr": "Utilisez l'un des codes d'indicateur du registre : {expected}.",
        },
    },
    "conflicting_duplicate": {
        "message": {
            "en": "Member {value} has two different values for the same year and indicator.",
            "fr": "Le Membre {value} a deux valeurs différentes pour la même année et le même "
            "indicateur.",
        },
        "fix": {
            "en": "Keep one row per Member, year and indicator.",
            "fr": "Conservez une ligne par Membre, année et indicateur.",
        },
    },
    "statistics_file_type": {
        "message": {
            "en": "Files of type '{value}' are not read as statistics.",
            "fr": "Les fichiers de type « {value} » ne sont pas lus comme statistiques.",
        },
        "fix": {
            "en": "Send the statistics as a .csv file or an Excel workbook (.xlsx).",
            "fr": "Envoyez les statistiques sous forme de fichier .csv ou de classeur Excel "
            "(.xlsx).",
        },
    },
    "unknown_questionnaire_version": {
        "message": {
            "en": "Questionnaire layout version '{value}' is not supported (supported: "
            "{expected}).",
            "fr": "La version de modèle de questionnaire « {value} » n'est pas prise en charge "
            "(versions acceptées : {expected}).",
        },
        "fix": {
            "en": "Ask the office for the current annual questionnaire and copy your figures "
            "into it, or send the figures as a bulk extract (.csv).",
            "fr": "Demandez au bureau le questionnaire annuel actuel et recopiez-y vos "
            "chiffres, ou envoyez-les sous forme d'extraction (.csv).",
        },
    },
    "statistics_layout": {
        "message": {
            "en": "No header row naming the Member column was found in the first rows "
            "(read as {detail}).",
            "fr": "Aucune ligne d'en-tête nommant la colonne du Membre n'a été trouvée dans les "
            "premières lignes (lu comme {detail}).",
        },
        "fix": {
            "en": "Put a header row with the columns member, year, indicator, value (long), "
            "member, year and one column per indicator, or member, indicator and one column "
            "per year; or use the annual questionnaire template.",
            "fr": "Ajoutez une ligne d'en-tête avec les colonnes membre, année, indicateur, "
            "valeur (format long), membre, année et une colonne par indicateur, ou membre, "
            "indicateur et une colonne par année ; ou utilisez le modèle de questionnaire "
            "annuel.",
        },
    },
    "unresolved_member": {
        "message": {
            "en": "'{value}' is not a WCO Member known by this name or code "
            "({count} row(s), first in {first}).",
            "fr": "« {value} » n'est pas un Membre de l'OMD connu sous ce nom ou ce code "
            "({count} ligne(s), la première en {first}).",
        },
        "fix": {
            "en": "Closest Members: {suggestions}. Write the Member's ISO code or its name as "
            "in the Member register, or ask the office to add this spelling to "
            "member_name_variants.csv.",
            "fr": "Membres les plus proches : {suggestions}. Indiquez le code ISO du Membre ou "
            "son nom tel qu'il figure au registre des Membres, ou demandez au bureau d'ajouter "
            "cette graphie à member_name_variants.csv.",
        },
    },
    "row_skipped": {
        "message": {
            "en": "'{value}' is {what}: {count} row(s) skipped, first in {first}.",
            "fr": "« {value} » est {what} : {count} ligne(s) ignorée(s), la première en {first}.",
        },
        "fix": {
            "en": "Nothing to do; these rows are not loaded.",
            "fr": "Rien à faire ; ces lignes ne sont pas chargées.",
        },
    },
    # --- issue 21: names that hold for some years only (Member resolution)
    "row_outside_name_period": {
        "message": {
            "en": "'{value}' stands for {member} only in {period}: {count} row(s) for other "
            "years skipped, first in {first}.",
            "fr": "« {value} » ne désigne {member} que pour {period} : {count} ligne(s) "
            "d'autres années ignorée(s), la première en {first}.",
        },
        "fix": {
            "en": "Nothing to do if these years belong to another entity; otherwise write the "
            "Member's ISO code, or ask the office to correct the years of this name in "
            "member_name_variants.csv.",
            "fr": "Rien à faire si ces années relèvent d'une autre entité ; sinon indiquez le "
            "code ISO du Membre, ou demandez au bureau de corriger les années de ce nom dans "
            "member_name_variants.csv.",
        },
    },
    # --- issue 21: open-data downloads (World Bank, WITS, UN Comtrade, WTO) and their series
    "external_series_skipped": {
        "message": {
            "en": "Series '{value}' of this {source} download is not in the source-series "
            "register: {count} row(s) skipped, first in {first}.",
            "fr": "La série « {value} » de ce téléchargement {source} ne figure pas au registre "
            "des séries externes : {count} ligne(s) ignorée(s), la première en {first}.",
        },
        "fix": {
            "en": "Nothing to do if the series is not wanted; to load it, ask the office to add "
            "a row to external_series.csv (source, series, indicator_code, unit, filter).",
            "fr": "Rien à faire si la série n'est pas utile ; pour la charger, demandez au "
            "bureau d'ajouter une ligne à external_series.csv (source, series, indicator_code, "
            "unit, filter).",
        },
    },
    "external_rows_outside_selection": {
        "message": {
            "en": "{count} row(s) of series '{value}' are not the registered selection (partner, "
            "flow or product) and were skipped, first in {first}.",
            "fr": "{count} ligne(s) de la série « {value} » ne relèvent pas de la sélection "
            "enregistrée (partenaire, flux ou produit) et ont été ignorées, la première en "
            "{first}.",
        },
        "fix": {
            "en": "Nothing to do: only the registered total (e.g. partner World) is loaded; the "
            "selection is the filter column of external_series.csv.",
            "fr": "Rien à faire : seul le total enregistré (p. ex. partenaire Monde) est chargé ; "
            "la sélection est la colonne filter de external_series.csv.",
        },
    },
    "external_years_before_period": {
        "message": {
            "en": "Years {detail} of this {source} download are before {first_year}, the first "
            "year of the statistics: {count} cell(s) skipped.",
            "fr": "Les années {detail} de ce téléchargement {source} précèdent {first_year}, "
            "première année des statistiques : {count} cellule(s) ignorée(s).",
        },
        "fix": {
            "en": "Nothing to do; download from {first_year} on to leave them out.",
            "fr": "Rien à faire ; téléchargez à partir de {first_year} pour les omettre.",
        },
    },
    "external_series_none_registered": {
        "message": {
            "en": "This {source} download holds no series of the source-series register; "
            "series found: {detail}.",
            "fr": "Ce téléchargement {source} ne contient aucune série du registre des séries "
            "externes ; séries trouvées : {detail}.",
        },
        "fix": {
            "en": "Download the registered series, or ask the office to register the one wanted: "
            "a row of external_series.csv with source, the series code or name as published, "
            "the indicator_code it feeds, its unit (e.g. 'USD millions') and, for trade data, "
            "the filter selecting the total (e.g. partner=World;flow=Import).",
            "fr": "Téléchargez les séries enregistrées, ou demandez au bureau d'enregistrer celle "
            "qui est utile : une ligne de external_series.csv avec source, le code ou le nom de "
            "la série tel que publié, l'indicator_code qu'elle alimente, son unité (p. ex. "
            "« USD millions ») et, pour le commerce, le filtre du total (p. ex. "
            "partner=World;flow=Import).",
        },
    },
    "statistics_unknown_indicator": {
        "message": {
            "en": "Indicator '{value}' is not in the indicator register "
            "({count} row(s), first in {first}).",
            "fr": "L'indicateur « {value} » ne figure pas au registre des indicateurs "
            "({count} ligne(s), la première en {first}).",
        },
        "fix": {
            "en": "Use an indicator code or name of the register: {expected}.",
            "fr": "Utilisez un code ou un nom d'indicateur du registre : {expected}.",
        },
    },
    "not_a_year": {
        "message": {
            "en": "'{value}' is not a reference year between {expected} "
            "({count} row(s), first in {first}).",
            "fr": "« {value} » n'est pas une année de référence comprise entre {expected} "
            "({count} ligne(s), la première en {first}).",
        },
        "fix": {
            "en": "Write the year as four digits, e.g. 2024.",
            "fr": "Écrivez l'année en quatre chiffres, par exemple 2024.",
        },
    },
    "identical_duplicate": {
        "message": {
            "en": "{value} is given twice with the same value ({detail}); it is loaded once.",
            "fr": "{value} figure deux fois avec la même valeur ({detail}) ; elle est chargée "
            "une seule fois.",
        },
        "fix": {
            "en": "Nothing to do; next time send each Member, year and indicator once.",
            "fr": "Rien à faire ; la prochaine fois, envoyez chaque Membre, année et indicateur "
            "une seule fois.",
        },
    },
    "conflicting_values": {
        "message": {
            "en": "{value} is given twice with different values: {detail}.",
            "fr": "{value} figure deux fois avec des valeurs différentes : {detail}.",
        },
        "fix": {
            "en": "Keep one row per Member, year and indicator, with the right value.",
            "fr": "Conservez une ligne par Membre, année et indicateur, avec la bonne valeur.",
        },
    },
    "implausible_value": {
        "message": {
            "en": "Member {member}, {year}, {indicator}: {value} {detail}.",
            "fr": "Membre {member}, {year}, {indicator} : {value} {detail}.",
        },
        "fix": {
            "en": "Check the value with the Member; it is loaded and flagged.",
            "fr": "Vérifiez la valeur auprès du Membre ; elle est chargée et signalée.",
        },
    },
    # --- registers -----------------------------------------------------------------------------
    "register_invalid": {
        "message": {
            "en": "Register {file}, row {row}, column '{column}': {detail}.",
            "fr": "Registre {file}, ligne {row}, colonne « {column} » : {detail}.",
        },
        "fix": {
            "en": "Correct the register file in the reference folder and run again; "
            "nothing was loaded.",
            "fr": "Corrigez le fichier du registre dans le dossier de référence et relancez ; "
            "rien n'a été chargé.",
        },
    },
    "register_file_invalid": {
        "message": {
            "en": "Register {file}: {detail}.",
            "fr": "Registre {file} : {detail}.",
        },
        "fix": {
            "en": "Put a valid {file} in the reference folder and run again; nothing was loaded.",
            "fr": "Placez un fichier {file} valide dans le dossier de référence et relancez ; "
            "rien n'a été chargé.",
        },
    },
    # --- outcomes ------------------------------------------------------------------------------
    "file_accepted": {
        "message": {
            "en": "Accepted{detail}.",
            "fr": "Accepté{detail}.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "held_for_approval": {
        "message": {
            "en": "Held for approval: period {period} is closed, so this return changes "
            "published figures only once the office approves it.",
            "fr": "En attente d'approbation : la période {period} est clôturée ; ce rapport ne "
            "modifiera les chiffres publiés qu'après approbation par le bureau.",
        },
        "fix": {
            "en": "Nothing to do; the office will approve or decline it.",
            "fr": "Rien à faire ; le bureau l'approuvera ou la refusera.",
        },
    },
    "approved": {
        "message": {
            "en": "Accepted: approved by {actor} on {value}.",
            "fr": "Accepté : approuvé par {actor} le {value}.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "declined": {
        "message": {
            "en": "Declined by {actor} on {value}{detail}; the figures already published stay.",
            "fr": "Refusé par {actor} le {value}{detail} ; les chiffres déjà publiés restent.",
        },
        "fix": {
            "en": "Contact the office if the change is still needed.",
            "fr": "Contactez le bureau si la modification reste nécessaire.",
        },
    },
    "file_rejected": {
        "message": {
            "en": "Rejected: {count} problem(s) must be fixed; first: {detail}",
            "fr": "Rejeté : {count} problème(s) à corriger ; premier : {detail}",
        },
        "fix": {
            "en": "Correct every problem listed in the report and send the whole file again.",
            "fr": "Corrigez chaque problème indiqué dans le rapport et renvoyez le fichier "
            "complet.",
        },
    },
    # --- storing originals safely, entries that are not files ---------------------------------
    "storage_failed": {
        "message": {
            "en": "The file could not be stored safely ({detail}); it stays in the inbox and is "
            "taken again at the next run.",
            "fr": "Le fichier n'a pas pu être conservé de façon sûre ({detail}) ; il reste dans "
            "la boîte de réception et sera repris à la prochaine exécution.",
        },
        "fix": {
            "en": "Check the free space and permissions of the data home; nothing was lost.",
            "fr": "Vérifiez l'espace libre et les droits du dossier de données ; rien n'a été "
            "perdu.",
        },
    },
    "not_regular_file": {
        "message": {
            "en": "This inbox entry is {detail}, not a file: it was not read, and was moved to "
            "{value}.",
            "fr": "Cette entrée de la boîte de réception est {detail}, pas un fichier : elle n'a "
            "pas été lue et a été déplacée vers {value}.",
        },
        "fix": {
            "en": "Put the file itself in the inbox (not a link, a folder or a device).",
            "fr": "Placez le fichier lui-même dans la boîte de réception (ni lien, ni dossier, "
            "ni périphérique).",
        },
    },
    "entry_link": {
        "message": {"en": "a symbolic link", "fr": "un lien symbolique"},
        "fix": {"en": "", "fr": ""},
    },
    "entry_folder": {
        "message": {"en": "a folder", "fr": "un dossier"},
        "fix": {"en": "", "fr": ""},
    },
    "entry_special": {
        "message": {
            "en": "a special file (device, pipe or socket)",
            "fr": "un fichier spécial (périphérique, tube ou socket)",
        },
        "fix": {"en": "", "fr": ""},
    },
    # --- runs that died, and waiting for the warehouse --------------------------------------
    "dead_run_failed": {
        "message": {
            "en": "Run {run_id} (started {value}) was interrupted: its process {pid} is gone. It "
            "is marked failed and its hold on the warehouse released; this run takes over.",
            "fr": "L'exécution {run_id} (démarrée le {value}) a été interrompue : son processus "
            "{pid} n'existe plus. Elle est marquée en échec et libère l'entrepôt ; cette "
            "exécution prend le relais.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "stale_slot_freed": {
        "message": {
            "en": "Run {run_id} has ended ({value}) but still held the warehouse; released.",
            "fr": "L'exécution {run_id} est terminée ({value}) mais retenait encore l'entrepôt ; "
            "libéré.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "pool_waiting": {
        "message": {
            "en": "Waiting for run {run_id} (started {value}, process {pid}), which is writing "
            "the warehouse; at most {seconds} s.",
            "fr": "En attente de l'exécution {run_id} (démarrée le {value}, processus {pid}), qui "
            "écrit dans l'entrepôt ; {seconds} s au plus.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "pool_wait_expired": {
        "message": {
            "en": "Run {run_id} still holds the warehouse after {seconds} s; nothing was started.",
            "fr": "L'exécution {run_id} retient encore l'entrepôt après {seconds} s ; rien n'a été "
            "lancé.",
        },
        "fix": {
            "en": "Run `spf run` again once it has finished (see `make ui`), or set "
            "SPF_POOL_WAIT_SECONDS to wait longer.",
            "fr": "Relancez `spf run` quand elle sera terminée (voir `make ui`), ou augmentez "
            "SPF_POOL_WAIT_SECONDS pour attendre plus longtemps.",
        },
    },
    # --- the state database and the warehouse, damaged ---------------------------------------
    "state_damaged": {
        "message": {
            "en": "The state database {file} is damaged ({detail}); nothing was run. Newest good "
            "backup: {backup}. Restore it with: {command}",
            "fr": "La base d'état {file} est endommagée ({detail}) ; rien n'a été exécuté. "
            "Dernière sauvegarde valide : {backup}. Restaurez-la avec : {command}",
        },
        "fix": {
            "en": "Files received after that backup are in archive/ and quarantine/; drop them in "
            "the inbox again after restoring.",
            "fr": "Les fichiers reçus après cette sauvegarde sont dans archive/ et quarantine/ ; "
            "redéposez-les dans la boîte de réception après la restauration.",
        },
    },
    "state_damaged_no_backup": {
        "message": {
            "en": "The state database {file} is damaged ({detail}) and there is no good backup; "
            "nothing was run.",
            "fr": "La base d'état {file} est endommagée ({detail}) et aucune sauvegarde valide "
            "n'existe ; rien n'a été exécuté.",
        },
        "fix": {
            "en": "Ask IT to restore the data home's state/ folder from the system backup.",
            "fr": "Demandez à l'informatique de restaurer le dossier state/ du dossier de "
            "données depuis la sauvegarde du système.",
        },
    },
    "state_restored": {
        "message": {
            "en": "The state database {file} was restored from {backup}; the damaged file is "
            "kept as {value}.",
            "fr": "La base d'état {file} a été restaurée depuis {backup} ; le fichier endommagé "
            "est conservé sous {value}.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "state_healthy": {
        "message": {
            "en": "The state database {file} is whole; nothing to restore. Newest good backup: "
            "{backup}.",
            "fr": "La base d'état {file} est intacte ; rien à restaurer. Dernière sauvegarde "
            "valide : {backup}.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "warehouse_damaged": {
        "message": {
            "en": "The warehouse {file} is damaged ({detail}). It is derived from the archived "
            "originals and the state database: it was moved aside to {value} and is rebuilt "
            "by this run.",
            "fr": "L'entrepôt {file} est endommagé ({detail}). Il est dérivé des originaux "
            "archivés et de la base d'état : il a été mis de côté sous {value} et cette "
            "exécution le reconstruit.",
        },
        "fix": {"en": "", "fr": ""},
    },
    # --- the outbox: messages that could not be delivered ------------------------------------
    "outbox_undelivered": {
        "message": {
            "en": "{count} message(s) could not be delivered (see `spf outbox`); acknowledge "
            "each once handled with `spf outbox --ack ID`, or send them again with "
            "`spf outbox --retry`.",
            "fr": "{count} message(s) n'ont pas pu être remis (voir `spf outbox`) ; confirmez "
            "chacun une fois traité avec `spf outbox --ack ID`, ou renvoyez-les avec "
            "`spf outbox --retry`.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "outbox_empty": {
        "message": {
            "en": "No message is pending or failed.",
            "fr": "Aucun message en attente ou en échec.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "outbox_acknowledged": {
        "message": {
            "en": "{count} failed message(s) acknowledged; they are no longer shown at each run.",
            "fr": "{count} message(s) en échec confirmé(s) ; ils ne sont plus signalés à chaque "
            "exécution.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "outbox_unknown": {
        "message": {
            "en": "No failed message has the id {value} (see `spf outbox`).",
            "fr": "Aucun message en échec n'a l'identifiant {value} (voir `spf outbox`).",
        },
        "fix": {"en": "", "fr": ""},
    },
    "outbox_retried": {
        "message": {
            "en": "{count} failed message(s) sent again: {sent} delivered, {failed} failed, "
            "{pending} still pending.",
            "fr": "{count} message(s) en échec renvoyé(s) : {sent} remis, {failed} en échec, "
            "{pending} encore en attente.",
        },
        "fix": {"en": "", "fr": ""},
    },
    # --- return templates (texts written into the workbooks sent to Directorates) -------------
    # ``message`` is the text shown; ``fix`` is what to do when a value is refused (empty for
    # plain labels). See ingestion/returns/templates.py.
    "template_title": {
        "message": {
            "en": "Quarterly return: {directorate}, {period}",
            "fr": "Rapport trimestriel : {directorate}, {period}",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_directorate": {
        "message": {
            "en": "Directorate: {directorate} ({code})",
            "fr": "Direction : {directorate} ({code})",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_period": {
        "message": {
            "en": "Reporting period: {period} ({start} to {end})",
            "fr": "Période de rapport : {period} (du {start} au {end})",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_deadline": {
        "message": {
            "en": "Deadline: send this return by {deadline} (Brussels time).",
            "fr": "Date limite : envoyez ce rapport au plus tard le {deadline} "
            "(heure de Bruxelles).",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_how_to": {
        "message": {
            "en": "How to fill in this return",
            "fr": "Comment remplir ce rapport",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_step_deliverables": {
        "message": {
            "en": "Deliverables: for each deliverable, choose a status from the list, type the "
            "% complete (0 to 100) and, once it is completed, the completion date. A deliverable "
            "At risk or Delayed needs a comment; a Completed one must be at 100 %.",
            "fr": "Livrables : pour chaque livrable, choisissez un statut dans la liste, "
            "saisissez le % achevé (0 à 100) et, une fois le livrable achevé, la date "
            "d'achèvement. Un livrable À risque ou En retard doit être commenté ; un livrable "
            "Achevé doit être à 100 %.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_no_deliverables": {
        "message": {
            "en": "Deliverables: the plan register lists no deliverable of your Directorate for "
            "the Implementation Plan year {ip_year}, so the Deliverables and Resources sheets are "
            "empty. If your Directorate has deliverables this year, tell the Strategic Planning "
            "office before you fill the return.",
            "fr": "Livrables : le registre du plan ne compte aucun livrable de votre direction "
            "pour l'année du plan de mise en œuvre {ip_year} ; les feuilles Deliverables et "
            "Resources sont donc vides. Si votre direction a des livrables cette année, "
            "prévenez le bureau de la planification stratégique avant de remplir le rapport.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_no_deliverables_console": {
        "message": {
            "en": "Warning: the plan register has no deliverable for IP year {ip_year} of {codes}:"
            " their templates have empty Deliverables and Resources sheets (the Instructions "
            "sheet says so). Add the deliverables to reference/deliverables.csv if they exist.",
            "fr": "Attention : le registre du plan n'a aucun livrable pour l'année {ip_year} de "
            "{codes} : leurs modèles ont des feuilles Deliverables et Resources vides (la feuille "
            "Instructions le signale). Ajoutez les livrables à reference/deliverables.csv s'ils "
            "existent.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_step_kpis": {
        "message": {
            "en": "KPIs: type the actual value of each KPI for the period, as a number without "
            "units. If it is not available, leave it empty and explain why in the Comment column.",
            "fr": "ICP : saisissez la valeur réelle de chaque ICP pour la période, sous forme de "
            "nombre sans unité. Si elle n'est pas disponible, laissez-la vide et expliquez "
            "pourquoi dans la colonne Commentaire.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_step_risks": {
        "message": {
            "en": "Risks: one row per risk, with its code, title and objective, the likelihood "
            "and impact (1 to 5) before and after mitigation, and the trend.",
            "fr": "Risques : une ligne par risque, avec son code, son intitulé et son objectif, "
            "la probabilité et l'impact (1 à 5) avant et après atténuation, et la tendance.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_step_resources": {
        "message": {
            "en": "Resources: for each deliverable, the budget allocated and the budget spent so "
            "far, in euros.",
            "fr": "Ressources : pour chaque livrable, le budget alloué et le budget dépensé à ce "
            "jour, en euros.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_step_locked": {
        "message": {
            "en": "Codes and titles are locked (grey cells): type only in the white cells. Do "
            "not rename, add or delete sheets or columns, and type values, not formulas.",
            "fr": "Les codes et intitulés sont verrouillés (cellules grises) : saisissez "
            "uniquement dans les cellules blanches. Ne renommez, n'ajoutez ni ne supprimez de "
            "feuilles ou de colonnes, et saisissez des valeurs, pas des formules.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_step_headers": {
        "message": {
            "en": "Column headers are in {language}; point to a header to read it in {other}.",
            "fr": "Les en-têtes de colonnes sont en {language} ; pointez un en-tête pour le lire "
            "en {other}.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_step_reference": {
        "message": {
            "en": "The columns to the right, headed 'Previous period (for reference)', show what "
            "your Directorate reported for {period}. They are for reference only and are not "
            "read.",
            "fr": "Les colonnes de droite, intitulées « Période précédente (pour référence) », "
            "rappellent ce que votre direction a déclaré pour {period}. Elles ne sont données "
            "que pour référence et ne sont pas lues.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_step_send": {
        "message": {
            "en": "Save the workbook as .xlsx, keeping its name, and send it to the Strategic "
            "Planning office by the deadline.",
            "fr": "Enregistrez le classeur au format .xlsx, sans changer son nom, et envoyez-le "
            "au bureau de la planification stratégique avant la date limite.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "template_previous_period": {
        "message": {
            "en": "Previous period (for reference)",
            "fr": "Période précédente (pour référence)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "language_name_en": {
        "message": {"en": "English", "fr": "anglais"},
        "fix": {"en": "", "fr": ""},
    },
    "language_name_fr": {
        "message": {"en": "French", "fr": "français"},
        "fix": {"en": "", "fr": ""},
    },
    # Data-validation prompts (``message``) and error alerts (``fix``) of the template's cells.
    "template_input_choice": {
        "message": {
            "en": "Choose a value from the list.",
            "fr": "Choisissez une valeur dans la liste.",
        },
        "fix": {
            "en": "This value is not in the list: choose one from the drop-down.",
            "fr": "Cette valeur ne figure pas dans la liste : choisissez-en une dans la liste "
            "déroulante.",
        },
    },
    "template_input_percent": {
        "message": {
            "en": "A percentage from 0 to 100 (type 75 for 75 %).",
            "fr": "Un pourcentage de 0 à 100 (saisissez 75 pour 75 %).",
        },
        "fix": {
            "en": "Type a number from 0 to 100.",
            "fr": "Saisissez un nombre de 0 à 100.",
        },
    },
    "template_input_date": {
        "message": {
            "en": "A date from {start} to today, at the latest {end} (YYYY-MM-DD).",
            "fr": "Une date du {start} à aujourd'hui, au plus tard le {end} (AAAA-MM-JJ).",
        },
        "fix": {
            "en": "Type a date from {start} to today (a completion date cannot be in the future), "
            "at the latest {end}.",
            "fr": "Saisissez une date du {start} à aujourd'hui (une date d'achèvement ne peut "
            "pas être dans le futur), au plus tard le {end}.",
        },
    },
    "template_input_number": {
        "message": {
            "en": "A number, without units or text.",
            "fr": "Un nombre, sans unité ni texte.",
        },
        "fix": {
            "en": "Type a number only.",
            "fr": "Saisissez uniquement un nombre.",
        },
    },
    "template_input_range": {
        "message": {
            "en": "A number from {low} to {high}.",
            "fr": "Un nombre de {low} à {high}.",
        },
        "fix": {
            "en": "Type a number from {low} to {high}.",
            "fr": "Saisissez un nombre de {low} à {high}.",
        },
    },
    "template_input_minimum": {
        "message": {
            "en": "A number, {low} or more.",
            "fr": "Un nombre supérieur ou égal à {low}.",
        },
        "fix": {
            "en": "Type a number of at least {low}.",
            "fr": "Saisissez un nombre au moins égal à {low}.",
        },
    },
    "template_input_whole": {
        "message": {
            "en": "A whole number from {low} to {high}.",
            "fr": "Un nombre entier de {low} à {high}.",
        },
        "fix": {
            "en": "Type a whole number from {low} to {high}.",
            "fr": "Saisissez un nombre entier de {low} à {high}.",
        },
    },
    # --- reports beside received files (ingestion/reports.py) -----------------------------------
    "report_severity_critical": {
        "message": {"en": "error", "fr": "erreur"},
        "fix": {"en": "", "fr": ""},
    },
    "report_severity_warning": {
        "message": {"en": "warning", "fr": "avertissement"},
        "fix": {"en": "", "fr": ""},
    },
    "report_title": {
        "message": {
            "en": "Intake report",
            "fr": "Rapport de réception",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_file": {
        "message": {
            "en": "File",
            "fr": "Fichier",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_received": {
        "message": {
            "en": "Received",
            "fr": "Reçu le",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_outcome": {
        "message": {
            "en": "Outcome",
            "fr": "Résultat",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_rejected": {
        "message": {
            "en": "REJECTED: the file was not loaded. Fix every problem below and send the "
            "whole file again.",
            "fr": "REJETÉ : le fichier n'a pas été chargé. Corrigez chacun des problèmes "
            "ci-dessous et renvoyez le fichier complet.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_accepted": {
        "message": {
            "en": "Accepted",
            "fr": "Accepté",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_problems": {
        "message": {
            "en": "Problems (must be fixed)",
            "fr": "Problèmes (à corriger)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_warnings_accepted": {
        "message": {
            "en": "Warnings (loaded; please check)",
            "fr": "Avertissements (chargé ; à vérifier)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_warnings_rejected": {
        "message": {
            "en": "Warnings (please check them too before sending the file again)",
            "fr": "Avertissements (à vérifier aussi avant de renvoyer le fichier)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_fix": {
        "message": {
            "en": "How to fix",
            "fr": "Correction",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_column_severity": {
        "message": {
            "en": "Severity",
            "fr": "Gravité",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_column_sheet": {
        "message": {
            "en": "Sheet",
            "fr": "Feuille",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_column_cell": {
        "message": {
            "en": "Cell",
            "fr": "Cellule",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_column_value": {
        "message": {
            "en": "Value found",
            "fr": "Valeur trouvée",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_column_problem": {
        "message": {
            "en": "Problem",
            "fr": "Problème",
        },
        "fix": {"en": "", "fr": ""},
    },
    "report_column_fix": {
        "message": {
            "en": "How to fix",
            "fr": "Correction",
        },
        "fix": {"en": "", "fr": ""},
    },
    # --- quality alerts to Directorates (alerts/) -----------------------------------------------
    "return_missing": {
        "message": {
            "en": "The return for {period} has not arrived; the deadline was {deadline}.",
            "fr": "Le rapport de la période {period} n'est pas arrivé ; l'échéance était "
            "le {deadline}.",
        },
        "fix": {
            "en": "Send the return for {period} as soon as possible.",
            "fr": "Envoyez le rapport de la période {period} dès que possible.",
        },
    },
    "return_late": {
        "message": {
            "en": "The return for {period} arrived after the deadline ({deadline}).",
            "fr": "Le rapport de la période {period} est arrivé après l'échéance ({deadline}).",
        },
        "fix": {
            "en": "No action needed; please send the next return by its deadline.",
            "fr": "Aucune action requise ; merci d'envoyer le prochain rapport dans les délais.",
        },
    },
    "dbt_test_failed": {
        "message": {
            "en": "A warehouse quality test failed: {test}{detail}.",
            "fr": "Un test de qualité de l'entrepôt a échoué : {test}{detail}.",
        },
        "fix": {
            "en": "Check the rows listed in schema dbt_test_failures and correct the source.",
            "fr": "Vérifiez les lignes listées dans le schéma dbt_test_failures et corrigez "
            "la source.",
        },
    },
    "alert_digest_subject": {
        "message": {
            "en": "[SPF] Data quality for {directorate}: {new} new, {open} open, "
            "{resolved} resolved",
            "fr": "[SPF] Qualité des données — {directorate} : {new} nouveau(x), "
            "{open} en cours, {resolved} résolu(s)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_digest_intro": {
        "message": {
            "en": "Dear colleagues, the Strategic Planning office's platform found the following "
            "data quality issues for {directorate}. The attached workbook lists each issue with "
            "its location and how to fix it.",
            "fr": "Chers collègues, la plateforme du bureau de la planification stratégique a "
            "relevé les problèmes de qualité des données suivants (direction : {directorate}). "
            "Le classeur joint indique pour chacun son emplacement et la manière de le corriger.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_section_new": {
        "message": {"en": "New issues", "fr": "Nouveaux problèmes"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_section_reminder": {
        "message": {"en": "Still open (reminder)", "fr": "Toujours en cours (rappel)"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_section_resolved": {
        "message": {
            "en": "Resolved since the last message",
            "fr": "Résolus depuis le dernier message",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_column_status": {
        "message": {"en": "Status", "fr": "Statut"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_column_severity": {
        "message": {"en": "Severity", "fr": "Gravité"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_column_rule": {
        "message": {"en": "Rule", "fr": "Règle"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_column_location": {
        "message": {"en": "Location", "fr": "Emplacement"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_column_problem": {
        "message": {"en": "Problem", "fr": "Problème"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_column_fix": {
        "message": {"en": "How to fix", "fr": "Correction"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_column_first_seen": {
        "message": {
            "en": "First seen (Brussels time)",
            "fr": "Première détection (heure de Bruxelles)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_severity_critical": {
        "message": {"en": "critical", "fr": "critique"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_severity_warning": {
        "message": {"en": "warning", "fr": "avertissement"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_severity_info": {
        "message": {"en": "information", "fr": "info"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_sheet_name": {
        "message": {"en": "Issues", "fr": "Problèmes"},
        "fix": {"en": "", "fr": ""},
    },
    "alert_signature": {
        "message": {
            "en": "This message was sent automatically; reply to the Strategic Planning office "
            "for any question.",
            "fr": "Ce message a été envoyé automatiquement ; pour toute question, répondez au "
            "bureau de la planification stratégique.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_office_digest_subject": {
        "message": {
            "en": "[SPF] Strategic Planning office, data quality: {new} new, {open} open, "
            "{resolved} resolved",
            "fr": "[SPF] Bureau de la planification stratégique, qualité des données : "
            "{new} nouveau(x), {open} en cours, {resolved} résolu(s)",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_location_return": {
        "message": {
            "en": "your return for {quarter} {ip_year}",
            "fr": "votre rapport du {quarter} {ip_year}",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_receipt_subject": {
        "message": {
            "en": "[SPF] Return received: {directorate}, {period}",
            "fr": "[SPF] Rapport reçu : {directorate}, {period}",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_receipt_body": {
        "message": {
            "en": "Your return for {period} (file {file}) was received on {received} (Brussels "
            "time) and accepted. Thank you.",
            "fr": "Votre rapport de la période {period} (fichier {file}) a été reçu le "
            "{received} (heure de Bruxelles) et accepté. Merci.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_deadline_subject": {
        "message": {
            "en": "[SPF] Reminder: return for {period} due {deadline}",
            "fr": "[SPF] Rappel : rapport de la période {period} attendu le {deadline}",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_deadline_body": {
        "message": {
            "en": "The return of {directorate} for {period} has not arrived yet. The deadline "
            "is {deadline} (Brussels time).",
            "fr": "Le rapport de la période {period} (direction : {directorate}) n'est pas "
            "encore arrivé. L'échéance est le {deadline} (heure de Bruxelles).",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_steward_subject": {
        "message": {
            "en": "[SPF] Quality alerts summary: {messages} message(s), {failed} failed",
            "fr": "[SPF] Synthèse des alertes qualité : {messages} message(s), {failed} en échec",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_steward_open": {
        "message": {
            "en": "{owner}: {critical} critical, {warning} warning, {info} info open",
            "fr": "{owner} : {critical} critique(s), {warning} avertissement(s), {info} info "
            "en cours",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_steward_failed": {
        "message": {
            "en": "Not delivered to {recipients} ({event}): {error}",
            "fr": "Non remis à {recipients} ({event}) : {error}",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_run_failed_subject": {
        "message": {
            "en": "[SPF] Run failed: {job}",
            "fr": "[SPF] Échec de l'exécution : {job}",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_run_failed_hint": {
        "message": {
            "en": "Open the run in the Dagster UI for the full log, fix the cause, then run "
            "refresh_all again (make run).",
            "fr": "Ouvrez l'exécution dans l'interface Dagster pour le journal complet, corrigez "
            "la cause, puis relancez refresh_all (make run).",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_decision_failed_body": {
        "message": {
            "en": "The decision {job} (run {run_id}) was not recorded: nothing changed, neither "
            "in the record of decisions nor in the marts. What was wrong:",
            "fr": "La décision {job} (exécution {run_id}) n'a pas été enregistrée : rien n'a "
            "changé, ni dans le registre des décisions ni dans les marts. Ce qui n'allait pas :",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_decision_failed_hint": {
        "message": {
            "en": "Launch the job again from the Launchpad with one of the valid values listed "
            "above.",
            "fr": "Relancez le job depuis le Launchpad avec l'une des valeurs valides indiquées "
            "ci-dessus.",
        },
        "fix": {"en": "", "fr": ""},
    },
    "alert_run_failed_body": {
        "message": {
            "en": "Run {run_id} of job {job} failed. Directorates get no digest from it until "
            "a run succeeds. The error:",
            "fr": "L'exécution {run_id} du job {job} a échoué. Les directions n'en reçoivent "
            "aucun message tant qu'une exécution n'a pas réussi. L'erreur :",
        },
        "fix": {"en": "", "fr": ""},
    },
}


class _Blank(dict[str, Any]):
    """Formats unknown placeholders as empty text, so a message never fails to render."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class Text:
    """One piece of user-facing text in both languages."""

    en: str
    fr: str

    def in_language(self, language: str) -> str:
        return self.fr if language == "fr" else self.en


def _localised(params: dict[str, Any], language: str) -> _Blank:
    """Parameters for one language: a ``Text`` parameter gives its own EN or FR wording."""
    return _Blank(
        {k: v.in_language(language) if isinstance(v, Text) else v for k, v in params.items()}
    )


def _render(rule: str, part: str, params: dict[str, Any]) -> Text:
    entry = CATALOGUE[rule][part]
    return Text(
        en=entry["en"].format_map(_localised(params, "en")),
        fr=entry["fr"].format_map(_localised(params, "fr")),
    )


NARROW_NBSP = "\u202f"  # French thousands separator and the space before %


def number_text(value: float | int) -> Text:
    """A number as each language writes it: 5,000 and 12.5; 5 000 and 12,5 (narrow no-break
    space), never "-5000.0"."""
    from babel.numbers import format_decimal

    return Text(en=format_decimal(value, locale="en"), fr=format_decimal(value, locale="fr"))


def percent_text(value: float | int) -> Text:
    """A percentage given as 0-100: 60% in English, 60 % (narrow no-break space) in French."""
    from babel.numbers import format_percent

    ratio = value / 100
    french = format_percent(ratio, locale="fr").replace("\xa0", NARROW_NBSP)
    return Text(en=format_percent(ratio, locale="en"), fr=french)


def message(rule: str, **params: Any) -> Text:
    return _render(rule, "message", params)


def fix(rule: str, **params: Any) -> Text:
    return _render(rule, "fix", params)
