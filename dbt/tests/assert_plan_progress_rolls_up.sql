-- Fails on every period where a roll-up of mart_plan_progress differs from the sum of its
-- parts: a goal from its objectives, the plan from its goals, the plan from its Directorates
-- (deliverables are owned by one Directorate each, and KPIs too). Returns the level, group,
-- period, measure and both values.
{{ config(
    severity='error',
    meta={'dagster': {'ref': {'name': 'mart_plan_progress'}}},
) }}

{%- set measures = [
    'deliverable_count', 'not_started_count', 'on_track_count', 'at_risk_count',
    'delayed_count', 'completed_count', 'cancelled_count', 'not_reported_count',
    'on_time_count', 'late_count', 'kpi_count', 'kpi_green_count', 'kpi_amber_count',
    'kpi_red_count', 'kpi_grey_count',
] %}

with

progress as (

    select * from {{ ref('mart_plan_progress') }}

),

objectives as (

    select * from {{ ref('stg_reference__objectives') }}

),

-- each part, with the roll-up row it must add up to
parts as (

    select

        'goal' as parent_type,
        objectives.goal_code as parent_code,
        'objective' as part_type,
        progress.*

    from progress
    inner join objectives
        on progress.group_code = objectives.objective_code
    where progress.grouping_type = 'objective'

    union all

    select

        'plan' as parent_type,
        plan_rows.group_code as parent_code,
        progress.grouping_type as part_type,
        progress.*

    from progress
    inner join progress as plan_rows
        on
            progress.period_code = plan_rows.period_code
            and plan_rows.grouping_type = 'plan'
    where progress.grouping_type in ('goal', 'directorate')

),

sums as (

    select

        parent_type,
        parent_code,
        part_type,
        period_code,
        {%- for measure in measures %}
            sum({{ measure }}) as {{ measure }}{% if not loop.last %},{% endif %}
        {%- endfor %}

    from parts
    group by parent_type, parent_code, part_type, period_code

),

compared as (

    {%- for measure in measures %}
        select

            sums.parent_type,
            sums.parent_code,
            sums.part_type,
            sums.period_code,
            '{{ measure }}' as measure,
            parents.{{ measure }} as rolled_up_value,
            sums.{{ measure }} as sum_of_parts

        from sums
        inner join progress as parents
            on
                sums.parent_type = parents.grouping_type
                and sums.parent_code = parents.group_code
                and sums.period_code = parents.period_code
        where parents.{{ measure }} <> sums.{{ measure }}
        {%- if not loop.last %}

            union all
        {% endif %}
    {%- endfor %}

)

select * from compared
