-- Warns about KPIs whose thresholds contradict their direction, which would make amber
-- unreachable: higher_is_better needs amber_threshold >= red_threshold, lower_is_better needs
-- amber_threshold <= red_threshold.
{{ config(severity='warn', store_failures=true) }}

with

kpis as (

    select * from {{ ref('dim_kpi') }}

)

select

    kpi_code,
    direction,
    amber_threshold,
    red_threshold

from kpis
where
    (direction = 'higher_is_better' and amber_threshold < red_threshold)
    or (direction = 'lower_is_better' and amber_threshold > red_threshold)
