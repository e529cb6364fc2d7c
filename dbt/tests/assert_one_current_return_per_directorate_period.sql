-- Fails for every Directorate × period that has at least one accepted return (registry outcome)
-- but not exactly one current return in int_returns__current, or whose current return is not
-- accepted: a pending (held for a closed period) or declined return must never be in force,
-- and every accepted return must leave exactly one return in force. Accepted means what the
-- macro accepted_return_files says, the one definition int_returns__current reads too.
{{ config(
    severity='error',
    meta={'dagster': {'ref': {'name': 'int_returns__current'}}},
) }}

with

accepted_files as (

    {{ accepted_return_files() }}

),

current_returns as (

    select * from {{ ref('int_returns__current') }}

),

accepted_periods as (

    select distinct

        directorate_code,
        period_code

    from accepted_files

),

current_counts as (

    select

        current_returns.directorate_code,
        current_returns.period_code,
        count(*) as current_return_count,
        sum(
            case when accepted_files.file_id is null then 1 else 0 end
        ) as not_accepted_count

    from current_returns
    left join accepted_files
        on current_returns.file_id = accepted_files.file_id
    group by current_returns.directorate_code, current_returns.period_code

)

select

    coalesce(
        accepted_periods.directorate_code, current_counts.directorate_code
    ) as directorate_code,
    coalesce(accepted_periods.period_code, current_counts.period_code) as period_code,
    coalesce(current_counts.current_return_count, 0) as current_return_count,
    coalesce(current_counts.not_accepted_count, 0) as not_accepted_count

from accepted_periods
full outer join current_counts
    on
        accepted_periods.directorate_code = current_counts.directorate_code
        and accepted_periods.period_code = current_counts.period_code
where
    accepted_periods.directorate_code is null
    or coalesce(current_counts.current_return_count, 0) <> 1
    or coalesce(current_counts.not_accepted_count, 0) > 0
