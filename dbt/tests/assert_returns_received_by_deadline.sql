-- Warns about every Directorate × period whose first accepted return arrived after the
-- deadline. The deadline in the reporting calendar is Europe/Brussels wall-clock time and
-- received_at (raw.return_files) is UTC: stg_reference__reporting_calendar converts the
-- deadline to UTC with the dispatched macro to_utc_timestamp (DuckDB timezone(), PostgreSQL
-- AT TIME ZONE), so both sides are compared in UTC. A later resubmission that corrects an
-- on-time return does not make the return late. Only returns the office accepted count: a
-- return held for approval or declined (loaded for the history) is not the return of record
-- (macro accepted_return_files, the one definition).
{{ config(
    severity='warn',
    store_failures=true,
    meta={'dagster': {'ref': {'name': 'stg_returns__files'}}},
) }}

with

accepted_files as (

    {{ accepted_return_files() }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

first_returns as (

    select

        directorate_code,
        period_code,
        min(received_at) as first_received_at

    from accepted_files
    group by directorate_code, period_code

)

select

    first_returns.directorate_code,
    first_returns.period_code,
    first_returns.first_received_at as received_at_utc,
    calendar.return_deadline_local,
    calendar.return_deadline_utc,
    {{ dbt.datediff(
        'calendar.return_deadline_utc', 'first_returns.first_received_at', 'minute'
    ) }} as minutes_late

from first_returns
inner join calendar
    on first_returns.period_code = calendar.period_code
where first_returns.first_received_at > calendar.return_deadline_utc
