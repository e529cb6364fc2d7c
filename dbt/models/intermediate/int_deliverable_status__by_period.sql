-- Every deliverable of an IP year × every reporting period of that IP year, with what the
-- owner Directorate's current return for the period says about it (not_reported when the
-- return is missing or does not list the deliverable) and the due date of the deliverable.

with

deliverables as (

    select * from {{ ref('stg_reference__deliverables') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

current_returns as (

    select * from {{ ref('int_returns__current') }}

),

reported_status as (

    select * from {{ ref('stg_returns__deliverable_status') }}

),

deliverable_periods as (

    select

        deliverables.deliverable_code,
        deliverables.ip_year,
        deliverables.objective_code,
        deliverables.owner_directorate_code,
        deliverables.title_en,
        deliverables.title_fr,
        deliverables.due_period_code,
        calendar.period_code,
        calendar.quarter,
        calendar.end_date as period_end_date

    from deliverables
    inner join calendar
        on deliverables.ip_year = calendar.ip_year

),

joined as (

    select

        ---------- ids
        deliverable_periods.deliverable_code,
        deliverable_periods.period_code,
        deliverable_periods.ip_year,
        deliverable_periods.quarter,
        deliverable_periods.objective_code,
        deliverable_periods.owner_directorate_code,

        ---------- text
        deliverable_periods.title_en,
        deliverable_periods.title_fr,

        ---------- due date
        deliverable_periods.due_period_code,
        due_periods.end_date as due_date,
        deliverable_periods.period_end_date,

        ---------- reported progress
        reported_status.percent_complete,
        reported_status.completion_date,
        reported_status.comment,

        ---------- lineage
        current_returns.file_id as source_file_id,
        current_returns.received_at,

        ---------- status, not_reported when the current return does not give one
        coalesce(reported_status.status, 'not_reported') as status

    from deliverable_periods
    left join calendar as due_periods
        on deliverable_periods.due_period_code = due_periods.period_code
    left join current_returns
        on
            deliverable_periods.owner_directorate_code = current_returns.directorate_code
            and deliverable_periods.period_code = current_returns.period_code
    left join reported_status
        on
            current_returns.file_id = reported_status.file_id
            and deliverable_periods.deliverable_code = reported_status.deliverable_code

)

select * from joined
