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
            "en": "The workbook is damaged and cannot be opened ({detail}).",
            "fr": "Le classeur est endommagé et ne peut pas être ouvert ({detail}).",
        },
        "fix": {
            "en": "Open it in Excel, save it again as .xlsx and send it again.",
            "fr": "Ouvrez-le dans Excel, enregistrez-le à nouveau en .xlsx et renvoyez-le.",
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
            "en": "The file could not be read: {detail}.",
            "fr": "Le fichier n'a pas pu être lu : {detail}.",
        },
        "fix": {
            "en": "Check the file opens in Excel; if it does, send it to the office for analysis.",
            "fr": "Vérifiez que le fichier s'ouvre dans Excel ; si c'est le cas, transmettez-le "
            "au bureau pour analyse.",
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
            "en": "Column '{column}' is missing from the header row.",
            "fr": "La colonne « {column} » est absente de la ligne d'en-tête.",
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
    # --- cell problems -------------------------------------------------------------------------
    "required": {
        "message": {
            "en": "A value is required in column '{column}'.",
            "fr": "Une valeur est obligatoire dans la colonne « {column} ».",
        },
        "fix": {
            "en": "Fill the cell.",
            "fr": "Remplissez la cellule.",
        },
    },
    "not_a_number": {
        "message": {
            "en": "'{value}' is not a number (column '{column}').",
            "fr": "« {value} » n'est pas un nombre (colonne « {column} »).",
        },
        "fix": {
            "en": "Type a number only, without text or units.",
            "fr": "Saisissez uniquement un nombre, sans texte ni unité.",
        },
    },
    "not_an_integer": {
        "message": {
            "en": "'{value}' is not a whole number (column '{column}').",
            "fr": "« {value} » n'est pas un nombre entier (colonne « {column} »).",
        },
        "fix": {
            "en": "Type a whole number.",
            "fr": "Saisissez un nombre entier.",
        },
    },
    "not_a_date": {
        "message": {
            "en": "'{value}' is not a date (column '{column}').",
            "fr": "« {value} » n'est pas une date (colonne « {column} »).",
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
            "en": "Value {value} in column '{column}' is outside the allowed range {expected}.",
            "fr": "La valeur {value} de la colonne « {column} » est hors de l'intervalle "
            "autorisé {expected}.",
        },
        "fix": {
            "en": "Type a value within {expected}.",
            "fr": "Saisissez une valeur comprise dans {expected}.",
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
            "en": "'{value}' appears more than once in column '{column}'.",
            "fr": "« {value} » apparaît plus d'une fois dans la colonne « {column} ».",
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


def message(rule: str, **params: Any) -> Text:
    return _render(rule, "message", params)


def fix(rule: str, **params: Any) -> Text:
    return _render(rule, "fix", params)
