-- One row per Directorate × reporting period, for every Directorate in force during the period
-- and every period of the reporting calendar: whether a return was expected, what the registry
-- received, the return in force, the submission status and whether the first accepted return
-- beat the deadline. missing / not_due are judged against the time the model was built.

{%- set built_at = run_started_at.strftime('%Y-%m-%d %H:%M:%S') %}

with

directorates as (

    select * from {{ ref('stg_reference__directorates') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

deliverables as (

    select * from {{ ref('stg_reference__deliverables') }}

),

kpis as (

    select * from {{ ref('stg_reference__kpis') }}

),

file_registry as (

    select * from {{ ref('stg_intake__file_registry') }}

),

current_returns as (

    select * from {{ ref('int_returns__current') }}

),

period_events as (

    select * from {{ ref('stg_intake__period_events') }}

),

---------- grain: Directorates in force at any time during the period × periods

directorate_periods as (

    select distinct

        directorates.directorate_code,
        calendar.period_code,
        calendar.ip_year,
        calendar.quarter,
        calendar.return_deadline_local,
        calendar.return_deadline_utc

    from directorates
    inner join calendar
        on
            directorates.valid_from <= calendar.end_date
            and (
                directorates.valid_to is null
                or directorates.valid_to >= calendar.start_date
            )

),

---------- who owes a return

deliverable_owners as (

    select distinct

        owner_directorate_code as directorate_code,
        ip_year

    from deliverables

),

return_kpi_owners as (

    select distinct owner_directorate_code as directorate_code

    from kpis
    where value_source = 'return'

),

---------- what the registry received (any outcome)

return_files as (

    select

        file_id,
        directorate_code,
        period_code,
        outcome,
        error_count,
        warning_count,
        received_at,
        original_name,
        report_path,
        row_number() over (
            partition by directorate_code, period_code
            order by received_at desc, file_id desc
        ) as recency_rank

    from file_registry
    where
        kind = 'returns'
        and directorate_code is not null
        and period_code is not null

),

received as (

    select

        directorate_code,
        period_code,
        count(*) as files_received,
        min(received_at) as first_received_at,
        max(received_at) as last_received_at,
        min(
            case when outcome = 'accepted' then received_at end
        ) as accepted_received_at,
        sum(case when outcome = 'accepted' then 1 else 0 end) as accepted_count,
        sum(case when outcome = 'pending' then 1 else 0 end) as pending_count

    from return_files
    group by directorate_code, period_code

),

latest_files as (

    select

        directorate_code,
        period_code,
        file_id,
        original_name,
        report_path,
        coalesce(error_count, 0) + coalesce(warning_count, 0) as problem_count

    from return_files
    where recency_rank = 1

),

---------- the steward's latest decision on each period

period_decisions as (

    select

        period_code,
        action_code,
        row_number() over (
            partition by period_code
            order by acted_at desc
        ) as decision_rank

    from period_events

),

latest_decisions as (

    select

        period_code,
        action_code

    from period_decisions
    where decision_rank = 1

),

joined as (

    select

        ---------- ids
        directorate_periods.directorate_code,
        directorate_periods.period_code,
        directorate_periods.ip_year,
        directorate_periods.quarter,

        ---------- deadline
        directorate_periods.return_deadline_local,
        directorate_periods.return_deadline_utc,

        ---------- received
        received.first_received_at,
        received.last_received_at,
        received.accepted_received_at,
        latest_files.problem_count,
        latest_files.file_id as latest_file_id,
        latest_files.original_name as latest_file_name,
        latest_files.report_path as latest_report_path,
        current_returns.file_id as current_file_id,
        current_files.warning_count as current_warning_count,
        coalesce(received.files_received, 0) as files_received,
        coalesce(received.accepted_count, 0) as accepted_count,
        coalesce(received.pending_count, 0) as pending_count,

        ---------- flags
        (
            deliverable_owners.directorate_code is not null
            or return_kpi_owners.directorate_code is not null
        ) as is_expected,
        coalesce(latest_decisions.action_code = 'close', false) as is_period_closed

    from directorate_periods
    left join received
        on
            directorate_periods.directorate_code = received.directorate_code
            and directorate_periods.period_code = received.period_code
    left join latest_files
        on
            directorate_periods.directorate_code = latest_files.directorate_code
            and directorate_periods.period_code = latest_files.period_code
    left join current_returns
        on
            directorate_periods.directorate_code = current_returns.directorate_code
            and directorate_periods.period_code = current_returns.period_code
    left join file_registry as current_files
        on current_returns.file_id = current_files.file_id
    left join deliverable_owners
        on
            directorate_periods.directorate_code = deliverable_owners.directorate_code
            and directorate_periods.ip_year = deliverable_owners.ip_year
    left join return_kpi_owners
        on directorate_periods.directorate_code = return_kpi_owners.directorate_code
    left join latest_decisions
        on directorate_periods.period_code = latest_decisions.period_code

),

assessed as (

    select

        *,
        case
            when accepted_count > 0 then 'accepted'
            when pending_count > 0 then 'pending'
            when files_received > 0 then 'rejected'
            -- nothing received: judged against the time of this build
            when
                return_deadline_utc
                < cast('{{ built_at }}' as {{ dbt.type_timestamp() }})
                then 'missing'
            else 'not_due'
        end as submission_status,
        accepted_count > 0 and pending_count > 0 as has_pending_resubmission,
        -- the steward's words: warnings and held returns told apart
        case
            when
                accepted_count > 0 and coalesce(current_warning_count, 0) > 0
                then 'accepted_with_warnings'
            when accepted_count > 0 then 'accepted'
            when pending_count > 0 then 'held_for_approval'
            when files_received > 0 then 'rejected'
            when
                return_deadline_utc
                < cast('{{ built_at }}' as {{ dbt.type_timestamp() }})
                then 'missing'
            else 'not_due'
        end as return_status,
        -- exactly at the deadline is on time
        case
            when accepted_received_at is not null
                then accepted_received_at <= return_deadline_utc
        end as is_on_time,
        -- calendar days in Brussels between the deadline and the first accepted return
        {{ dbt.datediff(
            'cast(return_deadline_local as date)',
            'cast(' ~ from_utc_timestamp('accepted_received_at', 'Europe/Brussels') ~ ' as date)',
            'day'
        ) }} as days_from_deadline

    from joined

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat(['directorate_code', "'|'", 'period_code']) }}
            as {{ dbt.type_string() }}
        ) as submission_key,
        cast(directorate_code as {{ dbt.type_string() }}) as directorate_code,
        cast(
            {{ directorate_key_for('assessed.directorate_code', 'assessed.period_code') }}
            as {{ dbt.type_string() }}
        ) as directorate_key,
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,

        ---------- deadline
        cast(return_deadline_local as {{ dbt.type_timestamp() }}) as return_deadline,
        cast(return_deadline_utc as {{ dbt.type_timestamp() }}) as return_deadline_utc,
        cast(is_expected as {{ dbt.type_boolean() }}) as is_expected,

        ---------- received files
        cast(files_received as {{ dbt.type_bigint() }}) as files_received,
        cast(first_received_at as {{ dbt.type_timestamp() }}) as first_received_at,
        cast(last_received_at as {{ dbt.type_timestamp() }}) as last_received_at,
        cast(current_file_id as {{ dbt.type_string() }}) as current_file_id,
        cast(accepted_received_at as {{ dbt.type_timestamp() }}) as accepted_received_at,

        ---------- status
        cast(submission_status as {{ dbt.type_string() }}) as submission_status,
        cast(has_pending_resubmission as {{ dbt.type_boolean() }}) as has_pending_resubmission,
        cast(is_on_time as {{ dbt.type_boolean() }}) as is_on_time,
        cast(days_from_deadline as {{ dbt.type_bigint() }}) as days_from_deadline,
        cast(problem_count as {{ dbt.type_bigint() }}) as problem_count,
        cast(is_period_closed as {{ dbt.type_boolean() }}) as is_period_closed,

        ---------- the status in words (the Dagster UI's return view and BI)
        cast(return_status as {{ dbt.type_string() }}) as return_status,
        cast(
            case return_status
                when 'accepted' then 'Accepted'
                when 'accepted_with_warnings' then 'Accepted with warnings'
                when 'held_for_approval' then 'Held for approval'
                when 'rejected' then 'Rejected'
                when 'missing' then 'Missing'
                else 'Not yet due'
            end as {{ dbt.type_string() }}
        ) as return_status_label_en,
        cast(
            case return_status
                when 'accepted' then 'Accepté'
                when 'accepted_with_warnings' then 'Accepté avec avertissements'
                when 'held_for_approval' then 'En attente d’approbation'
                when 'rejected' then 'Rejeté'
                when 'missing' then 'Manquant'
                else 'Pas encore dû'
            end as {{ dbt.type_string() }}
        ) as return_status_label_fr,
        cast(current_warning_count as {{ dbt.type_bigint() }}) as current_warning_count,

        ---------- the latest file received, whatever its outcome
        cast(latest_file_id as {{ dbt.type_string() }}) as latest_file_id,
        cast(latest_file_name as {{ dbt.type_string() }}) as latest_file_name,
        cast(latest_report_path as {{ dbt.type_string() }}) as latest_report_path

    from assessed

)

select * from final
