-- Fails when a mart shows a code that dim_code does not label: every status, rating, trend,
-- assessment, direction, aggregation and unit in the marts needs EN/FR labels and a sort key.
{{ config(
    severity='error',
    meta={'dagster': {'ref': {'name': 'dim_code'}}},
) }}

{%- set shown = [
    ('fct_deliverable_status', 'status', 'deliverable_status'),
    ('fct_deliverable_status_history', 'status', 'deliverable_status'),
    ('fct_deliverable_status_history', 'previous_status', 'deliverable_status'),
    ('mart_kpi_scorecard', 'rag_status', 'rag_status'),
    ('mart_kpi_scorecard', 'trend_vs_previous', 'trend'),
    ('mart_kpi_scorecard', 'trend_vs_baseline', 'trend'),
    ('mart_kpi_scorecard', 'direction', 'direction'),
    ('mart_kpi_scorecard', 'aggregation', 'kpi_aggregation'),
    ('fct_risk_assessment', 'inherent_rating', 'risk_rating'),
    ('fct_risk_assessment', 'residual_rating', 'risk_rating'),
    ('fct_risk_assessment', 'trend', 'risk_trend'),
    ('mart_risk_heatmap', 'cell_rating', 'risk_rating'),
    ('mart_risk_heatmap', 'assessment', 'assessment'),
    ('fct_return_submission', 'submission_status', 'submission_status'),
    ('dim_kpi', 'direction', 'direction'),
    ('dim_kpi', 'aggregation', 'kpi_aggregation'),
    ('dim_kpi', 'unit', 'unit'),
    ('dim_indicator', 'aggregation', 'indicator_aggregation'),
    ('dim_indicator', 'unit', 'unit'),
    ('mart_statistics_regional', 'aggregate_unit', 'unit'),
] %}

with

codes as (

    select * from {{ ref('dim_code') }}

),

shown as (

    {%- for model, column, code_type in shown %}
        select distinct
            '{{ model }}.{{ column }}' as shown_in,
            '{{ code_type }}' as code_type,
            {{ column }} as code
        from {{ ref(model) }}
        where {{ column }} is not null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

)

select

    shown.shown_in,
    shown.code_type,
    shown.code

from shown
left join codes
    on
        shown.code_type = codes.code_type
        and shown.code = codes.code
where codes.code is null
