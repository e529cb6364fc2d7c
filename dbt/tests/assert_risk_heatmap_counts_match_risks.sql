-- Fails for every period × assessment of mart_risk_heatmap that does not have exactly the 25
-- cells of the 5 × 5 grid, or whose cell counts do not add up to the number of risks of the
-- period in fct_risk_assessment (each risk sits in exactly one cell of each assessment), and
-- for every period with risks but no heat map.
{{ config(
    severity='error',
    meta={'dagster': {'ref': {'name': 'mart_risk_heatmap'}}},
) }}

with

heatmap as (

    select * from {{ ref('mart_risk_heatmap') }}

),

risks as (

    select * from {{ ref('fct_risk_assessment') }}

),

map_totals as (

    select

        period_code,
        assessment,
        count(*) as cell_count,
        count(distinct {{ dbt.concat([
            'cast(likelihood as ' ~ dbt.type_string() ~ ')',
            "'|'",
            'cast(impact as ' ~ dbt.type_string() ~ ')',
        ]) }}) as distinct_cell_count,
        sum(risk_count) as mapped_risk_count

    from heatmap
    group by period_code, assessment

),

risk_totals as (

    select

        period_code,
        count(*) as risk_count

    from risks
    group by period_code

),

assessments as (

    select distinct assessment
    from heatmap

),

expected as (

    select

        risk_totals.period_code,
        assessments.assessment,
        risk_totals.risk_count

    from risk_totals
    cross join assessments

)

select

    map_totals.cell_count,
    map_totals.distinct_cell_count,
    map_totals.mapped_risk_count,
    coalesce(map_totals.period_code, expected.period_code) as period_code,
    coalesce(map_totals.assessment, expected.assessment) as assessment,
    coalesce(expected.risk_count, 0) as risk_count

from map_totals
full outer join expected
    on
        map_totals.period_code = expected.period_code
        and map_totals.assessment = expected.assessment
where
    map_totals.period_code is null
    or map_totals.cell_count <> 25
    or map_totals.distinct_cell_count <> 25
    or map_totals.mapped_risk_count <> coalesce(expected.risk_count, 0)
