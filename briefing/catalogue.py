"""Every text of the briefing book, in English and French (templates hold none).

Kept apart from ``ingestion/messages.py`` (the catalogue of what a steward or a Directorate reads
about their files) because these are report labels and narrative fragments, not messages with a
fix; the shape is the same: one key, one text per language, ``str.format`` placeholders.

A key with plural forms is stored as ``key#one`` and ``key#other``; ``plural()`` picks the form
with Babel's plural rules for the language (in French 0 and 1 take the singular, in English
only 1). French typography: a narrow no-break space (U+202F) before ; : ! ? and inside « »,
as Babel writes before % and between thousands.
"""

from __future__ import annotations

from functools import cache
from typing import Any

LANGUAGES = ("en", "fr")
NNBSP = "\u202f"

TEXTS: dict[str, dict[str, str]] = {
    # --- document and cover ---------------------------------------------------------------------
    "language_name": {"en": "English", "fr": "Français"},
    "report_title": {
        "en": "Strategic Plan quarterly briefing",
        "fr": "Note trimestrielle sur le Plan stratégique",
    },
    "edition.management": {
        "en": "Management edition: Deputy Secretary General and Management Committee",
        "fr": "Édition de direction : Secrétaire général adjoint et Comité de direction",
    },
    "edition.audit": {
        "en": "Audit Committee edition",
        "fr": "Édition du Comité d'audit",
    },
    "edition.finance": {
        "en": "Finance Committee edition",
        "fr": "Édition de la Commission des finances",
    },
    "edition.members": {
        "en": "Members' edition",
        "fr": "Édition des Membres",
    },
    "cover_period": {"en": "Period: {period}", "fr": "Période : {period}"},
    "cover_period_dates": {"en": "from {start} to {end}", "fr": "du {start} au {end}"},
    "cover_data_as_of": {"en": "Data as of {date}", "fr": "Données au {date}"},
    "cover_release": {"en": "Release {release_id}", "fr": "Version publiée {release_id}"},
    "cover_provisional": {
        "en": "Provisional: returns for this period are still open.",
        "fr": "Provisoire : les rapports de cette période ne sont pas clos.",
    },
    "page_counter": {"en": "Page", "fr": "Page"},
    "page_of": {"en": "of", "fr": "sur"},
    "contents": {"en": "Contents", "fr": "Sommaire"},
    # --- section titles -------------------------------------------------------------------------
    "section.summary": {"en": "Executive summary", "fr": "Synthèse"},
    "section.progress": {
        "en": "Plan progress by goal and objective",
        "fr": "Avancement du plan par but et par objectif",
    },
    "section.scorecard": {"en": "KPI scorecard", "fr": "Tableau de bord des ICP"},
    "section.charts": {
        "en": "KPIs quarter by quarter",
        "fr": "Les ICP trimestre par trimestre",
    },
    "section.deliverables": {
        "en": "Deliverables delayed or at risk",
        "fr": "Livrables en retard ou menacés",
    },
    "section.regional": {"en": "Regional priorities", "fr": "Priorités régionales"},
    "section.risks": {"en": "Risk map", "fr": "Cartographie des risques"},
    "section.budget": {"en": "Budget execution", "fr": "Exécution budgétaire"},
    "section.statistics": {
        "en": "Statistics coverage by region",
        "fr": "Couverture statistique par région",
    },
    "section.data_quality": {
        "en": "Annex: data quality",
        "fr": "Annexe : qualité des données",
    },
    "section.methods": {"en": "Annex: methods", "fr": "Annexe : méthodes"},
    # --- column headers -------------------------------------------------------------------------
    "col.level": {"en": "Level", "fr": "Niveau"},
    "col.code": {"en": "Code", "fr": "Code"},
    "col.name": {"en": "Name", "fr": "Intitulé"},
    "col.deliverables": {"en": "Deliverables", "fr": "Livrables"},
    "col.completed": {"en": "Completed", "fr": "Achevés"},
    "col.pct_completed": {"en": "Share completed", "fr": "Part achevée"},
    "col.delayed": {"en": "Delayed", "fr": "En retard"},
    "col.at_risk": {"en": "At risk", "fr": "Menacés"},
    "col.kpi": {"en": "KPI", "fr": "ICP"},
    "col.unit": {"en": "Unit", "fr": "Unité"},
    "col.actual": {"en": "Actual", "fr": "Réalisé"},
    "col.target": {"en": "Target for the quarter", "fr": "Cible du trimestre"},
    "col.pct_of_target": {"en": "Share of target", "fr": "Part de la cible"},
    "col.rag": {"en": "Rating", "fr": "Appréciation"},
    "col.trend_previous": {
        "en": "Against previous quarter",
        "fr": "Par rapport au trimestre précédent",
    },
    "col.trend_baseline": {"en": "Against baseline", "fr": "Par rapport à la référence"},
    "col.deliverable": {"en": "Deliverable", "fr": "Livrable"},
    "col.directorate": {"en": "Directorate", "fr": "Direction"},
    "col.status": {"en": "Status", "fr": "État"},
    "col.comment": {"en": "Directorate's comment", "fr": "Commentaire de la Direction"},
    "col.region": {"en": "Region", "fr": "Région"},
    "col.priority": {"en": "Priority", "fr": "Priorité"},
    "col.kpis_rag": {"en": "KPIs by rating", "fr": "ICP par appréciation"},
    "col.risk": {"en": "Risk", "fr": "Risque"},
    "col.title": {"en": "Title", "fr": "Intitulé"},
    "col.inherent": {"en": "Inherent", "fr": "Brut"},
    "col.residual": {"en": "Residual", "fr": "Résiduel"},
    "col.trend": {"en": "Trend", "fr": "Tendance"},
    "col.mitigation": {"en": "Mitigation", "fr": "Mesures d'atténuation"},
    "col.objective": {"en": "Objective", "fr": "Objectif"},
    "col.allocated": {"en": "Allocated", "fr": "Alloué"},
    "col.spent": {"en": "Spent", "fr": "Dépensé"},
    "col.execution_rate": {"en": "Execution rate", "fr": "Taux d'exécution"},
    "col.year_elapsed": {"en": "Share of the year elapsed", "fr": "Part de l'année écoulée"},
    "col.overspent_lines": {"en": "Lines overspent", "fr": "Lignes en dépassement"},
    "col.year": {"en": "Statistics year", "fr": "Année statistique"},
    "col.indicators": {"en": "Indicators", "fr": "Indicateurs"},
    "col.members_eligible": {"en": "Members in the region", "fr": "Membres de la région"},
    "col.coverage": {"en": "Average coverage", "fr": "Couverture moyenne"},
    "col.return_status": {"en": "Return", "fr": "Rapport"},
    "col.received": {"en": "Received on", "fr": "Reçu le"},
    "col.days_from_deadline": {"en": "Days after the deadline", "fr": "Jours après l'échéance"},
    "col.problems": {"en": "Problems found", "fr": "Problèmes relevés"},
    "col.open_issues": {"en": "Open data-quality issues", "fr": "Anomalies ouvertes"},
    "col.likelihood": {"en": "Likelihood", "fr": "Probabilité"},
    "col.impact": {"en": "Impact", "fr": "Impact"},
    # --- levels, statuses, ratings, trends, units ----------------------------------------------
    "level.goal": {"en": "Goal", "fr": "But"},
    "level.objective": {"en": "Objective", "fr": "Objectif"},
    "status.not_started": {"en": "Not started", "fr": "Non commencé"},
    "status.on_track": {"en": "On track", "fr": "En bonne voie"},
    "status.at_risk": {"en": "At risk", "fr": "Menacé"},
    "status.delayed": {"en": "Delayed", "fr": "En retard"},
    "status.completed": {"en": "Completed", "fr": "Achevé"},
    "status.cancelled": {"en": "Cancelled", "fr": "Annulé"},
    "status.not_reported": {"en": "Not reported", "fr": "Non déclaré"},
    "submission.accepted": {"en": "Accepted", "fr": "Accepté"},
    "submission.rejected": {"en": "Rejected", "fr": "Refusé"},
    "submission.missing": {"en": "Missing", "fr": "Manquant"},
    "submission.not_due": {"en": "Not yet due", "fr": "Pas encore dû"},
    "submission.pending": {"en": "Awaiting approval", "fr": "En attente d'approbation"},
    "submission.held": {"en": "Held for approval", "fr": "Retenu pour approbation"},
    "submission.declined": {"en": "Declined", "fr": "Décliné"},
    "submission.late": {"en": "late", "fr": "en retard"},
    "rag.green": {"en": "On target", "fr": "Dans la cible"},
    "rag.amber": {"en": "Needs attention", "fr": "Vigilance"},
    "rag.red": {"en": "Off target", "fr": "Hors cible"},
    "rag.grey": {"en": "No value", "fr": "Sans valeur"},
    "trend.improving": {"en": "Improving", "fr": "En amélioration"},
    "trend.stable": {"en": "Stable", "fr": "Stable"},
    "trend.worsening": {"en": "Worsening", "fr": "En dégradation"},
    "trend.no_data": {"en": "Not comparable", "fr": "Non comparable"},
    "risk_trend.increasing": {"en": "Increasing", "fr": "En hausse"},
    "risk_trend.decreasing": {"en": "Decreasing", "fr": "En baisse"},
    "risk_trend.stable": {"en": "Unchanged", "fr": "Inchangé"},
    "rating.low": {"en": "Low", "fr": "Faible"},
    "rating.medium": {"en": "Medium", "fr": "Moyen"},
    "rating.high": {"en": "High", "fr": "Élevé"},
    "rating.critical": {"en": "Critical", "fr": "Critique"},
    "unit.hours": {"en": "hours", "fr": "heures"},
    "unit.days": {"en": "days", "fr": "jours"},
    "unit.percent": {"en": "per cent", "fr": "pour cent"},
    "unit.count": {"en": "number", "fr": "nombre"},
    "unit.eur": {"en": "euros", "fr": "euros"},
    "no_value": {"en": "none", "fr": "aucune"},
    "yes": {"en": "yes", "fr": "oui"},
    # --- section texts --------------------------------------------------------------------------
    "summary_empty": {
        "en": "No figure of this period can be summarised yet.",
        "fr": "Aucun chiffre de cette période ne peut encore être résumé.",
    },
    "deliverables_empty": {
        "en": "No deliverable is delayed or at risk.",
        "fr": "Aucun livrable n'est en retard ni menacé.",
    },
    "overspends_title": {"en": "Budget lines overspent", "fr": "Lignes budgétaires en dépassement"},
    "overspends_empty": {
        "en": "No budget line is overspent.",
        "fr": "Aucune ligne budgétaire n'est en dépassement.",
    },
    "budget_by_deliverable": {
        "en": "Budget execution by deliverable",
        "fr": "Exécution budgétaire par livrable",
    },
    "top_risks": {
        "en": "Highest risks after mitigation",
        "fr": "Risques les plus élevés après atténuation",
    },
    "heatmap_caption": {
        "en": "Number of risks per cell, {assessment} assessment (likelihood across, impact down).",
        "fr": "Nombre de risques par case, évaluation {assessment} "
        "(probabilité en colonnes, impact en lignes).",
    },
    "heatmap_inherent": {"en": "before mitigation", "fr": "avant atténuation"},
    "heatmap_residual": {"en": "after mitigation", "fr": "après atténuation"},
    "section_no_data": {
        "en": "The release holds no data of this section for the period.",
        "fr": "La version publiée ne contient aucune donnée de cette section pour la période.",
    },
    "chart_actual": {"en": "Actual", "fr": "Réalisé"},
    "chart_target": {"en": "Phased target", "fr": "Cible échelonnée"},
    "chart_alt": {
        "en": "{kpi}: actual against phased target by quarter. {points}",
        "fr": "{kpi} : réalisé et cible échelonnée par trimestre. {points}",
    },
    "chart_point": {
        "en": "{quarter}: actual {actual}, target {target}.",
        "fr": "{quarter} : réalisé {actual}, cible {target}.",
    },
    "statistics_note": {
        "en": "Average share of the region's Members that reported each published indicator "
        "for the latest statistics year.",
        "fr": "Part moyenne des Membres de la région ayant communiqué chaque indicateur publié "
        "pour la dernière année statistique.",
    },
    "methods_rag": {
        "en": "Ratings compare the quarter's actual with its phased target: on target (green) "
        "within the amber threshold, needs attention (amber) between the amber and red "
        "thresholds, off target (red) beyond the red threshold; no value (grey) when the "
        "quarter has no measurement. Each rating is shown by its symbol and its name, "
        "never by colour alone.",
        "fr": "L'appréciation compare le réalisé du trimestre à sa cible échelonnée : dans la "
        "cible (vert) en deçà du seuil de vigilance, vigilance (orange) entre les seuils de "
        "vigilance et d'alerte, hors cible (rouge) au-delà du seuil d'alerte ; sans valeur "
        "(gris) lorsque le trimestre n'a pas de mesure. Chaque appréciation est indiquée par "
        "son symbole et son nom, jamais par la seule couleur.",
    },
    "methods_sources": {
        "en": "Sources: the quarterly returns of the Directorates and the Members' Customs "
        "statistics, checked at intake and built into the warehouse's marts, read here from "
        "the published release only.",
        "fr": "Sources : les rapports trimestriels des Directions et les statistiques douanières "
        "des Membres, contrôlés à la réception et consolidés dans les magasins de données de "
        "l'entrepôt, lus ici dans la seule version publiée.",
    },
    "methods_audience_members": {
        "en": "This edition is built from the Members' release: it holds no risk, no budget, "
        "no internal indicator and no value of a single Member.",
        "fr": "Cette édition est établie à partir de la version destinée aux Membres : elle ne "
        "contient ni risque, ni budget, ni indicateur interne, ni valeur d'un Membre isolé.",
    },
    "methods_audience_internal": {
        "en": "This edition is built from the Secretariat's release and is not for circulation "
        "outside the Secretariat and its Committees.",
        "fr": "Cette édition est établie à partir de la version du Secrétariat et n'est pas "
        "destinée à circuler hors du Secrétariat et de ses comités.",
    },
    "methods_release": {"en": "Release: {release_id}", "fr": "Version publiée : {release_id}"},
    "methods_checksum": {
        "en": "SHA-256 of the release manifest: {checksum}",
        "fr": "Empreinte SHA-256 du manifeste de la version : {checksum}",
    },
    "methods_published_at": {"en": "Published on {date}", "fr": "Publiée le {date}"},
    # --- narrative (executive summary) ----------------------------------------------------------
    "sum_deliv_head#one": {
        "en": "Of {total} deliverable planned by the end of {period}, {completed} ({pct}) ",
        "fr": "Sur {total} livrable attendu d'ici la fin du {period}, {completed} ({pct}) ",
    },
    "sum_deliv_head#other": {
        "en": "Of {total} deliverables planned by the end of {period}, {completed} ({pct}) ",
        "fr": "Sur {total} livrables attendus d'ici la fin du {period}, {completed} ({pct}) ",
    },
    "sum_deliv_completed#one": {"en": "is completed", "fr": "est achevé"},
    "sum_deliv_completed#other": {"en": "are completed", "fr": "sont achevés"},
    "sum_deliv_more": {
        "en": ", {n} more than in {previous}",
        "fr": ", soit {n} de plus qu'au {previous}",
    },
    "sum_deliv_fewer": {
        "en": ", {n} fewer than in {previous}",
        "fr": ", soit {n} de moins qu'au {previous}",
    },
    "sum_deliv_same": {
        "en": ", as many as in {previous}",
        "fr": ", autant qu'au {previous}",
    },
    "sum_deliv_delayed#one": {"en": "; {n} is delayed", "fr": f"{NNBSP}; {{n}} est en retard"},
    "sum_deliv_delayed#other": {
        "en": "; {n} are delayed",
        "fr": f"{NNBSP}; {{n}} sont en retard",
    },
    "sum_deliv_none_delayed": {"en": "; none is delayed", "fr": f"{NNBSP}; aucun n'est en retard"},
    "sum_deliv_where": {"en": ", {k} of them {where}", "fr": ", dont {k} {where}"},
    "where_directorate": {"en": "in {name}", "fr": "au sein de «\u00a0{name}\u00a0»"},
    "where_direction": {"en": "in {name}", "fr": "à la {name}"},
    "sentence_end": {"en": ".", "fr": "."},
    "sum_kpi_head#one": {
        "en": "Of {n} KPI measured for {period}, ",
        "fr": "Sur {n} ICP mesuré au {period}, ",
    },
    "sum_kpi_head#other": {
        "en": "Of {n} KPIs measured for {period}, ",
        "fr": "Sur {n} ICP mesurés au {period}, ",
    },
    "sum_kpi_green#one": {"en": "{n} is on target", "fr": "{n} est dans la cible"},
    "sum_kpi_green#other": {"en": "{n} are on target", "fr": "{n} sont dans la cible"},
    "sum_kpi_amber#one": {"en": "{n} needs attention", "fr": "{n} appelle la vigilance"},
    "sum_kpi_amber#other": {"en": "{n} need attention", "fr": "{n} appellent la vigilance"},
    "sum_kpi_red#one": {"en": "{n} is off target", "fr": "{n} est hors cible"},
    "sum_kpi_red#other": {"en": "{n} are off target", "fr": "{n} sont hors cible"},
    "list_and": {"en": " and ", "fr": " et "},
    "list_comma": {"en": ", ", "fr": ", "},
    "sum_kpi_grey#one": {
        "en": "{n} KPI has no value for the quarter.",
        "fr": "{n} ICP n'a pas de valeur pour le trimestre.",
    },
    "sum_kpi_grey#other": {
        "en": "{n} KPIs have no value for the quarter.",
        "fr": "{n} ICP n'ont pas de valeur pour le trimestre.",
    },
    "sum_returns_head#one": {
        "en": "{accepted} of the {expected} returns expected for {period} was accepted",
        "fr": "{accepted} des {expected} rapports attendus pour le {period} a été accepté",
    },
    "sum_returns_head#other": {
        "en": "{accepted} of the {expected} returns expected for {period} were accepted",
        "fr": "{accepted} des {expected} rapports attendus pour le {period} ont été acceptés",
    },
    "sum_returns_late#one": {
        "en": "; {n} arrived after the deadline",
        "fr": f"{NNBSP}; {{n}} est arrivé après l'échéance",
    },
    "sum_returns_late#other": {
        "en": "; {n} arrived after the deadline",
        "fr": f"{NNBSP}; {{n}} sont arrivés après l'échéance",
    },
    "sum_returns_rejected#one": {
        "en": "; {n} was rejected",
        "fr": f"{NNBSP}; {{n}} a été refusé",
    },
    "sum_returns_rejected#other": {
        "en": "; {n} were rejected",
        "fr": f"{NNBSP}; {{n}} ont été refusés",
    },
    "sum_returns_missing#one": {
        "en": "; {n} is missing",
        "fr": f"{NNBSP}; {{n}} manque",
    },
    "sum_returns_missing#other": {
        "en": "; {n} are missing",
        "fr": f"{NNBSP}; {{n}} manquent",
    },
    "sum_budget": {
        "en": "By the end of {period}, {spent} of the {allocated} allocated ({rate}) had been "
        "spent, with {elapsed} of the year elapsed.",
        "fr": "À la fin du {period}, {spent} sur les {allocated} alloués ({rate}) avaient été "
        "dépensés, pour {elapsed} de l'année écoulée.",
    },
    "sum_overspent#one": {
        "en": "{n} budget line is overspent.",
        "fr": "{n} ligne budgétaire est en dépassement.",
    },
    "sum_overspent#other": {
        "en": "{n} budget lines are overspent.",
        "fr": "{n} lignes budgétaires sont en dépassement.",
    },
    "sum_risks_head#one": {
        "en": "{n} risk was reported for {period}",
        "fr": "{n} risque a été signalé pour le {period}",
    },
    "sum_risks_head#other": {
        "en": "{n} risks were reported for {period}",
        "fr": "{n} risques ont été signalés pour le {period}",
    },
    "sum_risks_high#one": {
        "en": "; after mitigation, {n} is rated high or critical (before mitigation: {before}).",
        "fr": f"{NNBSP}; après atténuation, {{n}} est coté élevé ou critique "
        "(avant atténuation : {before}).",
    },
    "sum_risks_high#other": {
        "en": "; after mitigation, {n} are rated high or critical (before mitigation: {before}).",
        "fr": f"{NNBSP}; après atténuation, {{n}} sont cotés élevés ou critiques "
        "(avant atténuation : {before}).",
    },
}

_FR_COLON = " :"  # written with a narrow no-break space in French texts (see _typeset)


def _typeset(text: str) -> str:
    """French colon: the catalogue is typed with a plain space, printed with U+202F."""
    return text.replace(_FR_COLON, NNBSP + ":")


@cache
def _french(key: str) -> str:
    return _typeset(TEXTS[key]["fr"])


def text(key: str, language: str, **params: Any) -> str:
    """The catalogue's text for ``key`` in ``language``, with placeholders filled."""
    raw = _french(key) if language == "fr" else TEXTS[key][language]
    return raw.format(**params) if params else raw


def plural(key: str, count: int, language: str, **params: Any) -> str:
    """The plural form of ``key`` for ``count`` (Babel's CLDR rules), placeholders filled."""
    from babel import Locale

    form = "one" if Locale.parse(language).plural_form(count) == "one" else "other"
    return text(f"{key}#{form}", language, **params)


def english_strings() -> list[str]:
    """Every English text whose French differs: none may appear in a French edition."""
    return [v["en"] for v in TEXTS.values() if v["en"].strip() != v["fr"].strip()]
