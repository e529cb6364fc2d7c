-- Labels, sort keys and colours of every code a mart shows (statuses, ratings, trends,
-- assessments, directions, aggregations, units), in English and French: one row per code type
-- and code, so a visual shows labels and sorts them without a CASE of its own. Colours (hex) for
-- the RAG status and the risk ratings. Checked by assert_every_code_has_a_label.

with

codes as (

    select code_list.* from (
        values
        ('deliverable_status', 'not_started', 'Not started', 'Non commencé', 1, null),
        ('deliverable_status', 'on_track', 'On track', 'En bonne voie', 2, null),
        ('deliverable_status', 'at_risk', 'At risk', 'À risque', 3, null),
        ('deliverable_status', 'delayed', 'Delayed', 'En retard', 4, null),
        ('deliverable_status', 'completed', 'Completed', 'Achevé', 5, null),
        ('deliverable_status', 'cancelled', 'Cancelled', 'Annulé', 6, null),
        ('deliverable_status', 'not_reported', 'Not reported', 'Non communiqué', 7, null),
        ('rag_status', 'green', 'Green', 'Vert', 1, '#2E7D32'),
        ('rag_status', 'amber', 'Amber', 'Orange', 2, '#F9A825'),
        ('rag_status', 'red', 'Red', 'Rouge', 3, '#C62828'),
        ('rag_status', 'grey', 'Not rated', 'Non évalué', 4, '#9E9E9E'),
        ('trend', 'improving', 'Improving', 'En amélioration', 1, null),
        ('trend', 'stable', 'Stable', 'Stable', 2, null),
        ('trend', 'worsening', 'Worsening', 'En dégradation', 3, null),
        ('trend', 'no_data', 'No data', 'Pas de données', 4, null),
        ('risk_rating', 'low', 'Low', 'Faible', 1, '#2E7D32'),
        ('risk_rating', 'medium', 'Medium', 'Moyen', 2, '#F9A825'),
        ('risk_rating', 'high', 'High', 'Élevé', 3, '#EF6C00'),
        ('risk_rating', 'critical', 'Critical', 'Critique', 4, '#C62828'),
        ('risk_trend', 'decreasing', 'Decreasing', 'En baisse', 1, null),
        ('risk_trend', 'stable', 'Stable', 'Stable', 2, null),
        ('risk_trend', 'increasing', 'Increasing', 'En hausse', 3, null),
        (
            'assessment', 'inherent', 'Inherent (before mitigation)',
            'Inhérent (avant atténuation)', 1, null
        ),
        (
            'assessment', 'residual', 'Residual (after mitigation)',
            'Résiduel (après atténuation)', 2, null
        ),
        ('submission_status', 'accepted', 'Accepted', 'Accepté', 1, null),
        ('submission_status', 'pending', 'Pending approval', 'En attente d’approbation', 2, null),
        ('submission_status', 'rejected', 'Rejected', 'Rejeté', 3, null),
        ('submission_status', 'missing', 'Missing', 'Manquant', 4, null),
        ('submission_status', 'not_due', 'Not yet due', 'Pas encore dû', 5, null),
        ('direction', 'higher_is_better', 'Higher is better', 'Plus élevé est meilleur', 1, null),
        ('direction', 'lower_is_better', 'Lower is better', 'Plus bas est meilleur', 2, null),
        (
            'kpi_aggregation', 'cumulative', 'Cumulative (sum of quarters)',
            'Cumulatif (somme des trimestres)', 1, null
        ),
        ('kpi_aggregation', 'latest', 'Latest quarter', 'Dernier trimestre', 2, null),
        ('kpi_aggregation', 'average', 'Average of quarters', 'Moyenne des trimestres', 3, null),
        ('indicator_aggregation', 'sum', 'Sum', 'Somme', 1, null),
        ('indicator_aggregation', 'mean', 'Mean', 'Moyenne', 2, null),
        ('indicator_aggregation', 'weighted_mean', 'Weighted mean', 'Moyenne pondérée', 3, null),
        ('indicator_aggregation', 'median', 'Median', 'Médiane', 4, null),
        ('unit', 'count', 'Count', 'Nombre', 1, null),
        ('unit', 'percent', 'Percent', 'Pourcentage', 2, null),
        ('unit', 'days', 'Days', 'Jours', 3, null),
        ('unit', 'hours', 'Hours', 'Heures', 4, null),
        ('unit', 'eur', 'Euros', 'Euros', 5, null),
        ('unit', 'usd', 'US dollars', 'Dollars des États-Unis', 6, null),
        ('unit', 'currency', 'National currency', 'Monnaie nationale', 7, null),
        ('unit', 'score', 'Score', 'Score', 8, null)
    ) as code_list (code_type, code, label_en, label_fr, sort_key, colour_hex)

),

final as (

    select

        cast(
            {{ dbt.concat(['code_type', "'|'", 'code']) }} as {{ dbt.type_string() }}
        ) as code_key,
        cast(code_type as {{ dbt.type_string() }}) as code_type,
        cast(code as {{ dbt.type_string() }}) as code,
        cast(label_en as {{ dbt.type_string() }}) as label_en,
        cast(label_fr as {{ dbt.type_string() }}) as label_fr,
        cast(sort_key as {{ dbt.type_bigint() }}) as sort_key,
        cast(colour_hex as {{ dbt.type_string() }}) as colour_hex

    from codes

)

select * from final
