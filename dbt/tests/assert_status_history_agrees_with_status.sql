-- Fails when fct_deliverable_status and fct_deliverable_status_history disagree: every status
-- reported in a period's current return must be the status of that return's event in the
-- history (carried-forward completions are checked against the quarter that reported them).
{{ config(
    severity='error',
    meta={'dagster': {'ref': {'name': 'fct_deliverable_status_history'}}},
) }}

with

deliverable_status as (

    select * from {{ ref('fct_deliverable_status') }}

),

history as (

    select * from {{ ref('fct_deliverable_status_history') }}

)

select

    deliverable_status.deliverable_code,
    deliverable_status.period_code,
    deliverable_status.status,
    history.status as history_status,
    deliverable_status.source_file_id

from deliverable_status
left join history
    on
        deliverable_status.source_file_id = history.source_file_id
        and deliverable_status.deliverable_code = history.deliverable_code
where
    deliverable_status.status <> 'not_reported'
    and (history.status is null or history.status <> deliverable_status.status)
