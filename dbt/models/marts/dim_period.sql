-- The reporting calendar for BI: one row per quarter and one per Implementation Plan year,
-- with labels in both languages, the WCO financial year (July to June, as the IP year), the
-- return deadline in Brussels time and UTC, and the neighbouring quarters for trend visuals.
-- Flags for "current", "latest reported", "closed" and "future" follow the build's data as of
-- (int_build__data_as_of: an input of the build, never the wall clock), so that a BI filter is
-- one flag and rebuilds stay identical. sort_key orders quarters and years chronologically
-- (an IP year just before its first quarter).

with

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

implementation_plans as (

    select * from {{ ref('stg_reference__implementation_plans') }}

),

data_as_of as (

    select * from {{ ref('int_build__data_as_of') }}

),

file_registry as (

    select * from {{ ref('stg_intake__file_registry') }}

),

period_events as (

    select * from {{ ref('stg_intake__period_events') }}

),

---------- the latest quarter with an accepted return received by the data-as-of moment
latest_reported as (

    select max(calendar.start_date) as start_date

    from file_registry
    inner join calendar
        on file_registry.period_code = calendar.period_code
    cross join data_as_of
    where
        file_registry.kind = 'returns'
        and file_registry.outcome = 'accepted'
        and file_registry.received_at <= data_as_of.data_as_of

),

---------- the steward's latest decision on each period by the data-as-of moment
period_decisions as (

    select

        period_events.period_code,
        period_events.action_code,
        row_number() over (
            partition by period_events.period_code
            order by period_events.acted_at desc
        ) as decision_rank

    from period_events
    cross join data_as_of
    where period_events.acted_at <= data_as_of.data_as_of

),

closed_periods as (

    select period_code
    from period_decisions
    where decision_rank = 1 and action_code = 'close'

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
        ) as is_last_quarter_of_year,
        implementation_plans.first_calendar_year * 10 + calendar.quarter as sort_key,
        closed_periods.period_code is not null as is_closed,
        coalesce(calendar.start_date = latest_reported.start_date, false) as is_latest_reported

    from calendar
    left join implementation_plans
        on calendar.ip_year = implementation_plans.ip_year
    left join closed_periods
        on calendar.period_code = closed_periods.period_code
    cross join latest_reported

),

year_quarters as (

    select

        ip_year,
        count(*) as quarter_count,
        sum(case when is_closed then 1 else 0 end) as closed_quarters,
        sum(case when is_latest_reported then 1 else 0 end) as latest_quarters

    from quarters
    group by ip_year

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
        cast(null as {{ dbt.type_boolean() }}) as is_last_quarter_of_year,
        implementation_plans.first_calendar_year * 10 as sort_key,
        -- a year is closed when all its quarters are, latest when it holds the latest quarter
        coalesce(year_quarters.closed_quarters = year_quarters.quarter_count, false) as is_closed,
        coalesce(year_quarters.latest_quarters > 0, false) as is_latest_reported

    from implementation_plans
    left join year_quarters
        on implementation_plans.ip_year = year_quarters.ip_year

),

periods as (

    select * from quarters
    union all
    select * from years

),

flagged as (

    select

        periods.*,
        data_as_of.data_as_of,
        periods.start_date <= cast(data_as_of.data_as_of as date)
        and cast(data_as_of.data_as_of as date) <= periods.end_date as is_current,
        periods.start_date > cast(data_as_of.data_as_of as date) as is_future

    from periods
    cross join data_as_of

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
        cast(sort_key as {{ dbt.type_bigint() }}) as sort_key,

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
        cast(is_last_quarter_of_year as {{ dbt.type_boolean() }}) as is_last_quarter_of_year,

        ---------- flags as of the build's data-as-of moment
        cast(data_as_of as {{ dbt.type_timestamp() }}) as data_as_of,
        cast(is_current as {{ dbt.type_boolean() }}) as is_current,
        cast(is_latest_reported as {{ dbt.type_boolean() }}) as is_latest_reported,
        cast(is_closed as {{ dbt.type_boolean() }}) as is_closed,
        cast(is_future as {{ dbt.type_boolean() }}) as is_future

    from flagged

)

select * from final
