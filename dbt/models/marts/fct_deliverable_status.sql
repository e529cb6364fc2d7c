-- Progress of every deliverable in every reporting period of its IP year, as reported in the
-- owner Directorate's current return (status not_reported when it is missing), and whether
-- the deliverable was completed on time: a deliverable not completed by the end of its due
-- period is late from the return for that period on.

with

status_by_period as (

    select * from {{ ref('int_deliverable_status__by_period') }}

),

directorates as (

    select * from {{ ref('stg_reference__directorates') }}

),

---------- the version of the owner Directorate in force on the last day of the period
directorate_versions as (

    select

        status_by_period.deliverable_code,
        status_by_period.period_code,
        {{ dbt.concat([
            'directorates.directorate_code',
            "'|'",
            dbt.cast('directorates.valid_from', api.Column.translate_type('string')),
        ]) }} as directorate_key

    from status_by_period
    inner join directorates
        on
            status_by_period.owner_directorate_code = directorates.directorate_code
            and status_by_period.period_end_date >= directorates.valid_from
            and (
                directorates.valid_to is null
                or status_by_period.period_end_date <= directorates.valid_to
            )

),

assessed as (

    select

        status_by_period.*,
        directorate_versions.directorate_key,
        status_by_period.status = 'completed' as is_completed,
        case
            -- completed: on time when completed on or before the due date
            when
                status_by_period.status = 'completed'
                and status_by_period.completion_date is not null
                then status_by_period.completion_date <= status_by_period.due_date
            -- completed without a completion date, or cancelled: cannot be judged
            when status_by_period.status in ('completed', 'cancelled') then null
            -- not completed by the end of its due period: late in the return for that period
            -- (a year-end deliverable is judged in Q4), and in every later one
            when status_by_period.period_end_date >= status_by_period.due_date then false
        end as is_on_time

    from status_by_period
    left join directorate_versions
        on
            status_by_period.deliverable_code = directorate_versions.deliverable_code
            and status_by_period.period_code = directorate_versions.period_code

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat(['deliverable_code', "'|'", 'period_code']) }}
            as {{ dbt.type_string() }}
        ) as deliverable_status_key,
        cast(deliverable_code as {{ dbt.type_string() }}) as deliverable_code,
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,
        cast(objective_code as {{ dbt.type_string() }}) as objective_code,
        cast(owner_directorate_code as {{ dbt.type_string() }}) as owner_directorate_code,
        cast(
            {{ dbt.concat(["'deliverable|'", 'deliverable_code', "'|'", 'ip_year']) }}
            as {{ dbt.type_string() }}
        ) as plan_element_key,
        cast(directorate_key as {{ dbt.type_string() }}) as directorate_key,

        ---------- text
        cast(title_en as {{ dbt.type_string() }}) as title_en,
        cast(title_fr as {{ dbt.type_string() }}) as title_fr,

        ---------- reported progress
        cast(status as {{ dbt.type_string() }}) as status,
        cast(percent_complete as {{ type_double() }}) as percent_complete,
        cast(completion_date as date) as completion_date,

        ---------- timeliness
        cast(due_period_code as {{ dbt.type_string() }}) as due_period_code,
        cast(due_date as date) as due_date,
        cast(is_completed as {{ dbt.type_boolean() }}) as is_completed,
        cast(is_on_time as {{ dbt.type_boolean() }}) as is_on_time,
        cast(
            case
                when is_on_time is null then null
                when is_on_time then 0
                when is_completed
                    then {{ dbt.datediff('due_date', 'completion_date', 'day') }}
                else {{ dbt.datediff('due_date', 'period_end_date', 'day') }}
            end as {{ dbt.type_bigint() }}
        ) as days_late,

        ---------- comment and lineage
        cast(comment as {{ dbt.type_string() }}) as comment,
        cast(source_file_id as {{ dbt.type_string() }}) as source_file_id,
        cast(received_at as {{ dbt.type_timestamp() }}) as received_at,
        cast(source_revision as {{ dbt.type_bigint() }}) as source_revision,
        cast(reported_in_period_code as {{ dbt.type_string() }}) as reported_in_period_code,
        cast(is_carried_forward as {{ dbt.type_boolean() }}) as is_carried_forward

    from assessed

)

select * from final
