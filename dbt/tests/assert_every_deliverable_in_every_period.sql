-- Fails on every deliverable × reporting period of its IP year missing from
-- fct_deliverable_status (a deliverable must show in every quarter, not_reported if need be),
-- and on every row of fct_deliverable_status that the registers do not call for.
{{ config(
    severity='error',
    meta={'dagster': {'ref': {'name': 'fct_deliverable_status'}}},
) }}

with

deliverables as (

    select * from {{ ref('stg_reference__deliverables') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

deliverable_status as (

    select * from {{ ref('fct_deliverable_status') }}

),

expected as (

    select

        deliverables.deliverable_code,
        calendar.period_code

    from deliverables
    inner join calendar
        on deliverables.ip_year = calendar.ip_year

),

missing as (

    select

        expected.deliverable_code,
        expected.period_code,
        'missing from fct_deliverable_status' as problem

    from expected
    left join deliverable_status
        on
            expected.deliverable_code = deliverable_status.deliverable_code
            and expected.period_code = deliverable_status.period_code
    where deliverable_status.deliverable_code is null

),

unexpected as (

    select

        deliverable_status.deliverable_code,
        deliverable_status.period_code,
        'not a deliverable of the period''s IP year' as problem

    from deliverable_status
    left join expected
        on
            deliverable_status.deliverable_code = expected.deliverable_code
            and deliverable_status.period_code = expected.period_code
    where expected.deliverable_code is null

)

select * from missing
union all
select * from unexpected
