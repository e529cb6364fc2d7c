-- Fails on every scorecard row rated against a target that is not the KPI's target for the
-- period's own IP year: a target_ip_year other than the period's, or an annual target that
-- differs from (or is missing against) the register's target for that KPI and year.
{{ config(
    severity='error',
    meta={'dagster': {'ref': {'name': 'mart_kpi_scorecard'}}},
) }}

with

scorecard as (

    select * from {{ ref('mart_kpi_scorecard') }}

),

kpi_targets as (

    select * from {{ ref('stg_reference__kpi_targets') }}

),

checked as (

    select

        scorecard.kpi_code,
        scorecard.period_code,
        scorecard.ip_year,
        scorecard.target_ip_year,
        scorecard.annual_target,
        kpi_targets.annual_target as register_target

    from scorecard
    left join kpi_targets
        on
            scorecard.kpi_code = kpi_targets.kpi_code
            and scorecard.ip_year = kpi_targets.ip_year

)

select * from checked
where
    target_ip_year <> ip_year
    or (target_ip_year is null) <> (register_target is null)
    or annual_target <> register_target
    or (annual_target is null) <> (register_target is null)
