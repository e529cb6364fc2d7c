-- Every KPI × every reporting period: the period's actual value and the year-to-date value.
--   source = return: the value in the current return of the KPI's owner Directorate for the
--     period (null when no return was received or the return left the value empty).
--   source = statistics: the all-Member aggregate of the KPI's indicator for calendar year
--     (first year of the IP year) - 1, e.g. 2024 for 2025-26, the same in every quarter.
-- Year to date, per the KPI's aggregation: cumulative = sum of the quarters so far; latest =
-- the latest non-null quarter so far; average = mean of the non-null quarters so far.
-- The year to date says which quarters it includes (quarters_reported of quarters_expected,
-- ytd_quarters 'Q1+Q2+Q4'), so that a cumulative KPI missing a quarter is compared with the
-- target of the quarters it includes, not of the whole year so far. Year-to-date values are
-- rounded to the precision declared for the KPI's unit (round_to_unit).

with

kpis as (

    select * from {{ ref('stg_reference__kpis') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

implementation_plans as (

    select * from {{ ref('stg_reference__implementation_plans') }}

),

current_returns as (

    select * from {{ ref('int_returns__current') }}

),

kpi_values as (

    select * from {{ ref('stg_returns__kpi_values') }}

),

statistics_aggregates as (

    select * from {{ ref('int_statistics__aggregates_by_scope') }}
    where scope_type = 'overall'

),

kpi_periods as (

    select

        kpis.kpi_code,
        kpis.owner_directorate_code,
        kpis.indicator_code,
        kpis.value_source,
        kpis.direction,
        kpis.aggregation,
        kpis.unit,
        kpis.threshold_type,
        kpis.amber_threshold,
        kpis.red_threshold,
        calendar.period_code,
        calendar.ip_year,
        calendar.quarter

    from kpis
    cross join calendar

),

return_actuals as (

    select

        kpi_periods.kpi_code,
        kpi_periods.period_code,
        current_returns.file_id as source_file_id,
        kpi_values.actual_value

    from kpi_periods
    inner join current_returns
        on
            kpi_periods.owner_directorate_code = current_returns.directorate_code
            and kpi_periods.period_code = current_returns.period_code
    left join kpi_values
        on
            current_returns.file_id = kpi_values.file_id
            and kpi_periods.kpi_code = kpi_values.kpi_code
    where kpi_periods.value_source = 'return'

),

statistics_actuals as (

    select

        kpi_periods.kpi_code,
        kpi_periods.period_code,
        statistics_aggregates.statistics_year,
        statistics_aggregates.aggregate_value as actual_value

    from kpi_periods
    inner join implementation_plans
        on kpi_periods.ip_year = implementation_plans.ip_year
    inner join statistics_aggregates
        on
            kpi_periods.indicator_code = statistics_aggregates.indicator_code
            and implementation_plans.first_calendar_year - 1
            = statistics_aggregates.statistics_year
    where kpi_periods.value_source = 'statistics'

),

actuals as (

    select

        kpi_periods.kpi_code,
        kpi_periods.period_code,
        kpi_periods.ip_year,
        kpi_periods.quarter,
        kpi_periods.value_source,
        kpi_periods.direction,
        kpi_periods.aggregation,
        kpi_periods.unit,
        kpi_periods.threshold_type,
        kpi_periods.amber_threshold,
        kpi_periods.red_threshold,
        return_actuals.source_file_id,
        statistics_actuals.statistics_year,
        case kpi_periods.value_source
            when 'return' then return_actuals.actual_value
            when 'statistics' then statistics_actuals.actual_value
        end as actual_value

    from kpi_periods
    left join return_actuals
        on
            kpi_periods.kpi_code = return_actuals.kpi_code
            and kpi_periods.period_code = return_actuals.period_code
    left join statistics_actuals
        on
            kpi_periods.kpi_code = statistics_actuals.kpi_code
            and kpi_periods.period_code = statistics_actuals.period_code

),

running as (

    select

        kpi_code,
        period_code,
        ip_year,
        quarter,
        actual_value,
        sum(actual_value) over (
            partition by kpi_code, ip_year
            order by quarter
            rows between unbounded preceding and current row
        ) as cumulative_value,
        avg(actual_value) over (
            partition by kpi_code, ip_year
            order by quarter
            rows between unbounded preceding and current row
        ) as average_value,
        max(case when actual_value is not null then quarter end) over (
            partition by kpi_code, ip_year
            order by quarter
            rows between unbounded preceding and current row
        ) as latest_reported_quarter,
        {%- for q in [1, 2, 3, 4] %}
            max(
                case when actual_value is not null and quarter = {{ q }} then 'Q{{ q }}' end
            ) over (
                partition by kpi_code, ip_year
                order by quarter
                rows between unbounded preceding and current row
            ) as reported_q{{ q }},
        {%- endfor %}
        count(actual_value) over (
            partition by kpi_code, ip_year
            order by quarter
            rows between unbounded preceding and current row
        ) as quarters_reported

    from actuals

),

-- the value of the latest quarter reported so far (portable: no IGNORE NULLS)
latest_values as (

    select

        running.kpi_code,
        running.period_code,
        reported.actual_value as latest_value

    from running
    inner join actuals as reported
        on
            running.kpi_code = reported.kpi_code
            and running.ip_year = reported.ip_year
            and running.latest_reported_quarter = reported.quarter

),

final as (

    select

        ---------- ids
        actuals.kpi_code,
        actuals.period_code,
        actuals.ip_year,
        actuals.quarter,

        ---------- rating rules of the KPI
        actuals.value_source,
        actuals.direction,
        actuals.aggregation,
        actuals.threshold_type,
        actuals.amber_threshold,
        actuals.red_threshold,

        ---------- lineage
        actuals.source_file_id,
        actuals.statistics_year,

        ---------- unit, whose declared precision the year-to-date value is rounded to
        actuals.unit,

        ---------- values
        actuals.actual_value,
        running.latest_reported_quarter,
        case actuals.aggregation
            when 'cumulative' then {{ round_to_unit('running.cumulative_value', 'actuals.unit') }}
            when 'latest' then latest_values.latest_value
            when 'average' then {{ round_to_unit('running.average_value', 'actuals.unit') }}
        end as ytd_value,

        ---------- which quarters the year to date includes
        running.quarters_reported,
        actuals.quarter as quarters_expected,
        running.quarters_reported = actuals.quarter as is_ytd_complete,
        nullif(
            concat_ws(
                '+', running.reported_q1, running.reported_q2, running.reported_q3,
                running.reported_q4
            ),
            ''
        ) as ytd_quarters

    from actuals
    inner join running
        on
            actuals.kpi_code = running.kpi_code
            and actuals.period_code = running.period_code
    left join latest_values
        on
            actuals.kpi_code = latest_values.kpi_code
            and actuals.period_code = latest_values.period_code

)

select * from final
