-- The reporting calendar for BI: one row per quarter and one per Implementation Plan year,
-- with labels in both languages, the WCO financial year (July to June, as the IP year), the
-- return deadline in Brussels time and UTC, and the neighbouring quarters for trend visuals.

with

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

implementation_plans as (

    select * from {{ ref('stg_reference__implementation_plans') }}

),

quarters as (

    select

        calendar.period_code,
        'quarter' as period_type,
        calendar.ip_year,
        calendar.quarter,
        calendar.start_date,
        calendar.end_date,
        calendar.return_deadline_local,
        calendar.return_deadline_utc,
        implementation_plans.plan_cycle,
        implementation_plans.plan_revision,
        implementation_plans.first_calendar_year,
        {%- set quarter_text = dbt.cast('calendar.quarter', api.Column.translate_type('string')) %}
        {{ dbt.concat(["'Q'", quarter_text, "' '", 'calendar.ip_year']) }} as label_en,
        {{ dbt.concat(["'T'", quarter_text, "' '", 'calendar.ip_year']) }} as label_fr,
        lag(calendar.period_code) over (order by calendar.start_date) as previous_period_code,
        lead(calendar.period_code) over (order by calendar.start_date) as next_period_code,
        calendar.quarter = max(calendar.quarter) over (
            partition by calendar.ip_year
        ) as is_last_quarter_of_year

    from calendar
    left join implementation_plans
        on calendar.ip_year = implementation_plans.ip_year

),

years as (

    select

        implementation_plans.ip_year as period_code,
        'ip_year' as period_type,
        implementation_plans.ip_year,
        cast(null as {{ dbt.type_bigint() }}) as quarter,
        implementation_plans.start_date,
        implementation_plans.end_date,
        cast(null as {{ dbt.type_timestamp() }}) as return_deadline_local,
        cast(null as {{ dbt.type_timestamp() }}) as return_deadline_utc,
        implementation_plans.plan_cycle,
        implementation_plans.plan_revision,
        implementation_plans.first_calendar_year,
        {{ dbt.concat(["'IP '", 'implementation_plans.ip_year']) }} as label_en,
        {{ dbt.concat(["'PMO '", 'implementation_plans.ip_year']) }} as label_fr,
        lag(implementation_plans.ip_year) over (
            order by implementation_plans.start_date
        ) as previous_period_code,
        lead(implementation_plans.ip_year) over (
            order by implementation_plans.start_date
        ) as next_period_code,
        cast(null as {{ dbt.type_boolean() }}) as is_last_quarter_of_year

    from implementation_plans

),

periods as (

    select * from quarters
    union all
    select * from years

),

final as (

    select

        ---------- keys
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,

        ---------- labels
        cast(label_en as {{ dbt.type_string() }}) as label_en,
        cast(label_fr as {{ dbt.type_string() }}) as label_fr,

        ---------- dates
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        cast(
            {{ dbt.datediff('start_date', 'end_date', 'day') }} + 1  -- noqa: LT05
            as {{ dbt.type_bigint() }}
        ) as day_count,

        ---------- financial year (the WCO's runs from 1 July to 30 June, as the IP year)
        cast(
            {{ dbt.concat([
                dbt.cast('first_calendar_year', api.Column.translate_type('string')),
                "'/'",
                dbt.cast('first_calendar_year + 1', api.Column.translate_type('string')),
            ]) }}
            as {{ dbt.type_string() }}
        ) as financial_year,
        cast(first_calendar_year as {{ dbt.type_bigint() }}) as financial_year_start,

        ---------- deadlines
        cast(return_deadline_local as {{ dbt.type_timestamp() }}) as return_deadline_local,
        cast(return_deadline_utc as {{ dbt.type_timestamp() }}) as return_deadline_utc,

        ---------- plan
        cast(plan_cycle as {{ dbt.type_string() }}) as plan_cycle,
        cast(plan_revision as {{ dbt.type_bigint() }}) as plan_revision,

        ---------- navigation
        cast(previous_period_code as {{ dbt.type_string() }}) as previous_period_code,
        cast(next_period_code as {{ dbt.type_string() }}) as next_period_code,
        cast(is_last_quarter_of_year as {{ dbt.type_boolean() }}) as is_last_quarter_of_year

    from periods

)

select * from final
