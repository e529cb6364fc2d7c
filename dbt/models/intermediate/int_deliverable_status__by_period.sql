-- Every deliverable of an IP year × every reporting period of that IP year, with what the
-- owner Directorate's current return for the period says about it and the due date of the
-- deliverable. When the period's return is missing or does not list the deliverable, a
-- deliverable reported completed in an earlier quarter of the same IP year stays completed
-- (carried forward from that quarter's return, is_carried_forward); otherwise it is
-- not_reported.

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
        current_returns.submission_count as source_revision,

        ---------- status as reported in this period's return (null when not reported)
        reported_status.status as reported_status

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

),

---------- the latest quarter so far of the IP year in which the deliverable was reported completed
completion_so_far as (

    select

        *,
        max(case when reported_status = 'completed' then quarter end) over (
            partition by deliverable_code, ip_year
            order by quarter
            rows between unbounded preceding and current row
        ) as completed_in_quarter

    from joined

),

carried as (

    select

        ---------- ids
        current_period.deliverable_code,
        current_period.period_code,
        current_period.ip_year,
        current_period.quarter,
        current_period.objective_code,
        current_period.owner_directorate_code,

        ---------- text
        current_period.title_en,
        current_period.title_fr,

        ---------- due date
        current_period.due_period_code,
        current_period.due_date,
        current_period.period_end_date,

        ---------- carried forward when this period says nothing and an earlier one said completed
        current_period.reported_status is null
        and completion_period.deliverable_code is not null as is_carried_forward,

        case
            when current_period.reported_status is not null
                then current_period.reported_status
            when completion_period.deliverable_code is not null then 'completed'
            else 'not_reported'
        end as status

    from completion_so_far as current_period
    left join joined as completion_period
        on
            current_period.deliverable_code = completion_period.deliverable_code
            and current_period.ip_year = completion_period.ip_year
            and current_period.completed_in_quarter = completion_period.quarter
            and current_period.completed_in_quarter < current_period.quarter

),

final as (

    select

        carried.*,

        ---------- progress and lineage: from the completing quarter when carried forward
        {%- for column in [
            'percent_complete', 'completion_date', 'comment', 'source_file_id', 'received_at',
            'source_revision',
        ] %}
            case
                when carried.is_carried_forward then completion_period.{{ column }}
                else current_period.{{ column }}
            end as {{ column }},
        {%- endfor %}
        case
            when carried.is_carried_forward then completion_period.period_code
            when current_period.reported_status is not null then current_period.period_code
        end as reported_in_period_code

    from carried
    inner join completion_so_far as current_period
        on
            carried.deliverable_code = current_period.deliverable_code
            and carried.period_code = current_period.period_code
    left join joined as completion_period
        on
            current_period.deliverable_code = completion_period.deliverable_code
            and current_period.ip_year = completion_period.ip_year
            and current_period.completed_in_quarter = completion_period.quarter
            and carried.is_carried_forward

)

select * from final
