-- Every status that an accepted return gave each deliverable, in the order of the periods the
-- returns are for, then of their arrival, with the status it replaced: when each status changed and
-- from which return. Ordering by period first means a late resubmission for an earlier quarter,
-- arriving after the next quarter's return, does not show a false regression. Built from the raw
-- returns (not from a dbt snapshot, which would record the time of the dbt run and could not be
-- rebuilt from the archive). Resubmissions count as events of their own; returns held for a closed
-- period or declined by the steward do not (macro accepted_return_files).

with

return_files as (

    {{ accepted_return_files() }}

),

reported_status as (

    select * from {{ ref('stg_returns__deliverable_status') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

current_returns as (

    select * from {{ ref('int_returns__current') }}

),

accepted_returns as (

    select

        return_files.file_id,
        return_files.original_name,
        return_files.directorate_code,
        return_files.period_code,
        return_files.received_at,
        calendar.ip_year,
        calendar.quarter,
        row_number() over (
            partition by return_files.directorate_code, return_files.period_code
            order by return_files.received_at asc, return_files.file_id asc
        ) as return_version

    from return_files
    inner join calendar
        on return_files.period_code = calendar.period_code

),

events as (

    select

        accepted_returns.*,
        reported_status.deliverable_code,
        reported_status.status,
        reported_status.percent_complete,
        reported_status.completion_date,
        reported_status.comment,
        reported_status.sheet_name,
        reported_status.source_row,
        current_returns.file_id is not null as is_current_return

    from accepted_returns
    inner join reported_status
        on accepted_returns.file_id = reported_status.file_id
    left join current_returns
        on accepted_returns.file_id = current_returns.file_id

),

sequenced as (

    select

        *,
        row_number() over (
            partition by deliverable_code, ip_year
            order by quarter asc, received_at asc, file_id asc
        ) as event_sequence,
        lag(status) over (
            partition by deliverable_code, ip_year
            order by quarter asc, received_at asc, file_id asc
        ) as previous_status,
        lag(percent_complete) over (
            partition by deliverable_code, ip_year
            order by quarter asc, received_at asc, file_id asc
        ) as previous_percent_complete,
        lag(file_id) over (
            partition by deliverable_code, ip_year
            order by quarter asc, received_at asc, file_id asc
        ) as previous_file_id,
        lead(received_at) over (
            partition by deliverable_code, period_code
            order by received_at asc, file_id asc
        ) as superseded_at

    from events

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat(['file_id', "'|'", 'deliverable_code']) }} as {{ dbt.type_string() }}
        ) as status_event_key,
        cast(deliverable_code as {{ dbt.type_string() }}) as deliverable_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(
            {{ dbt.concat(["'deliverable|'", 'deliverable_code', "'|'", 'ip_year']) }}
            as {{ dbt.type_string() }}
        ) as plan_element_key,
        cast(directorate_code as {{ dbt.type_string() }}) as directorate_code,
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,
        cast(event_sequence as {{ dbt.type_bigint() }}) as event_sequence,

        ---------- what the return said
        cast(status as {{ dbt.type_string() }}) as status,
        cast(percent_complete as {{ type_double() }}) as percent_complete,
        cast(completion_date as date) as completion_date,
        cast(comment as {{ dbt.type_string() }}) as comment,

        ---------- what it replaced
        cast(previous_status as {{ dbt.type_string() }}) as previous_status,
        cast(previous_percent_complete as {{ type_double() }}) as previous_percent_complete,
        cast(previous_file_id as {{ dbt.type_string() }}) as previous_source_file_id,
        cast(
            previous_status is null or previous_status <> status as {{ dbt.type_boolean() }}
        ) as is_status_change,

        ---------- when it held
        cast(received_at as {{ dbt.type_timestamp() }}) as valid_from,
        cast(superseded_at as {{ dbt.type_timestamp() }}) as valid_to,

        ---------- lineage
        cast(file_id as {{ dbt.type_string() }}) as source_file_id,
        cast(original_name as {{ dbt.type_string() }}) as source_file_name,
        cast(return_version as {{ dbt.type_bigint() }}) as return_version,
        cast(is_current_return as {{ dbt.type_boolean() }}) as is_current_return,
        cast(sheet_name as {{ dbt.type_string() }}) as source_sheet,
        cast(source_row as {{ dbt.type_bigint() }}) as source_row

    from sequenced

)

select * from final
