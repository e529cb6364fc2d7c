-- How far the plan is, per reporting period, at every level at which senior management reads
-- it: the whole plan, each strategic goal, each objective, each focus area and each
-- Directorate. Deliverables are counted by status (as in fct_deliverable_status, completions
-- carried forward), with the share completed and the share on time among those whose
-- timeliness can be judged; KPIs are counted by Red/Amber/Green rating (as in
-- mart_kpi_scorecard). Focus areas overlap (a deliverable may have several) and KPIs are not
-- tagged with focus areas, so focus-area rows have no KPI counts and do not add up to the plan.

{%- set statuses = [
    'not_started', 'on_track', 'at_risk', 'delayed', 'completed', 'cancelled', 'not_reported',
] %}
{%- set ratings = ['green', 'amber', 'red', 'grey'] %}

with

deliverable_status as (

    select * from {{ ref('fct_deliverable_status') }}

),

scorecard as (

    select * from {{ ref('mart_kpi_scorecard') }}

),

plan_elements as (

    select * from {{ ref('dim_plan_element') }}

),

focus_area_bridge as (

    select * from {{ ref('dim_deliverable_focus_area') }}

),

focus_areas as (

    select * from {{ ref('dim_focus_area') }}

),

kpis as (

    select * from {{ ref('dim_kpi') }}

),

periods as (

    select * from {{ ref('dim_period') }}

),

directorates as (

    select * from {{ ref('dim_directorate') }}

),

---------- deliverable × period with the groups it counts in
deliverables_placed as (

    select

        deliverable_status.*,
        plan_elements.plan_cycle,
        plan_elements.goal_code

    from deliverable_status
    inner join plan_elements
        on deliverable_status.plan_element_key = plan_elements.plan_element_key

),

deliverable_groups as (

    select
        'plan' as grouping_type,
        deliverables_placed.plan_cycle as group_code,
        deliverables_placed.*
    from deliverables_placed

    union all

    select
        'goal' as grouping_type,
        deliverables_placed.goal_code as group_code,
        deliverables_placed.*
    from deliverables_placed

    union all

    select
        'objective' as grouping_type,
        deliverables_placed.objective_code as group_code,
        deliverables_placed.*
    from deliverables_placed

    union all

    select
        'directorate' as grouping_type,
        deliverables_placed.owner_directorate_code as group_code,
        deliverables_placed.*
    from deliverables_placed

    union all

    select
        'focus_area' as grouping_type,
        focus_area_bridge.focus_area_code as group_code,
        deliverables_placed.*
    from deliverables_placed
    inner join focus_area_bridge
        on deliverables_placed.plan_element_key = focus_area_bridge.plan_element_key

),

deliverable_counts as (

    select

        grouping_type,
        group_code,
        period_code,
        count(*) as deliverable_count,
        {%- for status in statuses %}
            sum(case when status = '{{ status }}' then 1 else 0 end) as {{ status }}_count,
        {%- endfor %}
        sum(case when is_on_time then 1 else 0 end) as on_time_count,
        sum(case when not is_on_time then 1 else 0 end) as late_count

    from deliverable_groups
    group by grouping_type, group_code, period_code

),

---------- KPI × period with the groups it counts in
kpis_placed as (

    select

        scorecard.period_code,
        scorecard.rag_status,
        kpis.objective_code,
        kpis.goal_code,
        kpis.owner_directorate_code,
        periods.plan_cycle

    from scorecard
    inner join kpis
        on scorecard.kpi_code = kpis.kpi_code
    inner join periods
        on scorecard.period_code = periods.period_code

),

kpi_groups as (

    select
        'plan' as grouping_type,
        kpis_placed.plan_cycle as group_code,
        kpis_placed.*
    from kpis_placed

    union all

    select
        'goal' as grouping_type,
        kpis_placed.goal_code as group_code,
        kpis_placed.*
    from kpis_placed

    union all

    select
        'objective' as grouping_type,
        kpis_placed.objective_code as group_code,
        kpis_placed.*
    from kpis_placed

    union all

    select
        'directorate' as grouping_type,
        kpis_placed.owner_directorate_code as group_code,
        kpis_placed.*
    from kpis_placed

),

kpi_counts as (

    select

        grouping_type,
        group_code,
        period_code,
        count(*) as kpi_count,
        {%- for rating in ratings %}
            sum(case when rag_status = '{{ rating }}' then 1 else 0 end) as kpi_{{ rating }}_count
            {%- if not loop.last %},{% endif %}
        {%- endfor %}

    from kpi_groups
    group by grouping_type, group_code, period_code

),

---------- every group of the plan in force in each quarter, so empty groups show as zeros
group_periods as (

    select distinct
        'plan' as grouping_type,
        plan_elements.plan_cycle as group_code,
        periods.period_code,
        periods.ip_year,
        periods.quarter,
        plan_elements.plan_title_en as group_name_en,
        plan_elements.plan_title_fr as group_name_fr
    from plan_elements
    inner join periods
        on plan_elements.ip_year = periods.ip_year
    where periods.period_type = 'quarter'

    union all

    select
        plan_elements.element_type as grouping_type,
        plan_elements.element_code as group_code,
        periods.period_code,
        periods.ip_year,
        periods.quarter,
        plan_elements.name_en as group_name_en,
        plan_elements.name_fr as group_name_fr
    from plan_elements
    inner join periods
        on plan_elements.ip_year = periods.ip_year
    where
        periods.period_type = 'quarter'
        and plan_elements.element_type in ('goal', 'objective')

    union all

    select
        'focus_area' as grouping_type,
        focus_areas.focus_area_code as group_code,
        periods.period_code,
        periods.ip_year,
        periods.quarter,
        focus_areas.name_en as group_name_en,
        focus_areas.name_fr as group_name_fr
    from focus_areas
    cross join periods
    where periods.period_type = 'quarter'

    union all

    -- the Directorates in force on the last day of the period, under their names of the time
    select
        'directorate' as grouping_type,
        directorates.directorate_code as group_code,
        periods.period_code,
        periods.ip_year,
        periods.quarter,
        directorates.name_en as group_name_en,
        directorates.name_fr as group_name_fr
    from directorates
    inner join periods
        on
            directorates.valid_from <= periods.end_date
            and (directorates.valid_to is null or directorates.valid_to >= periods.end_date)
    where periods.period_type = 'quarter'

),

named as (

    select

        group_periods.*,
        coalesce(deliverable_counts.deliverable_count, 0) as deliverable_count,
        {%- for status in statuses %}
            coalesce(deliverable_counts.{{ status }}_count, 0) as {{ status }}_count,
        {%- endfor %}
        coalesce(deliverable_counts.on_time_count, 0) as on_time_count,
        coalesce(deliverable_counts.late_count, 0) as late_count,
        case
            when group_periods.grouping_type <> 'focus_area'
                then coalesce(kpi_counts.kpi_count, 0)
        end as kpi_count,
        {%- for rating in ratings %}
            case
                when group_periods.grouping_type <> 'focus_area'
                    then coalesce(kpi_counts.kpi_{{ rating }}_count, 0)
            end as kpi_{{ rating }}_count
            {%- if not loop.last %},{% endif %}
        {%- endfor %}

    from group_periods
    left join deliverable_counts
        on
            group_periods.grouping_type = deliverable_counts.grouping_type
            and group_periods.group_code = deliverable_counts.group_code
            and group_periods.period_code = deliverable_counts.period_code
    left join kpi_counts
        on
            group_periods.grouping_type = kpi_counts.grouping_type
            and group_periods.group_code = kpi_counts.group_code
            and group_periods.period_code = kpi_counts.period_code

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat(['grouping_type', "'|'", 'group_code', "'|'", 'period_code']) }}
            as {{ dbt.type_string() }}
        ) as plan_progress_key,
        cast(grouping_type as {{ dbt.type_string() }}) as grouping_type,
        cast(group_code as {{ dbt.type_string() }}) as group_code,
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,

        ---------- text
        cast(group_name_en as {{ dbt.type_string() }}) as group_name_en,
        cast(group_name_fr as {{ dbt.type_string() }}) as group_name_fr,

        ---------- deliverables by status
        cast(deliverable_count as {{ dbt.type_bigint() }}) as deliverable_count,
        {%- for status in statuses %}
            cast({{ status }}_count as {{ dbt.type_bigint() }}) as {{ status }}_count,
        {%- endfor %}

        ---------- completion and timeliness
        {{ round_to_unit(
            '100.0 * completed_count / nullif(deliverable_count - cancelled_count, 0)',
            "'percent'",
        ) }} as pct_completed,
        cast(on_time_count as {{ dbt.type_bigint() }}) as on_time_count,
        cast(late_count as {{ dbt.type_bigint() }}) as late_count,
        {{ round_to_unit(
            '100.0 * on_time_count / nullif(on_time_count + late_count, 0)', "'percent'"
        ) }} as pct_on_time,

        ---------- KPIs by rating
        cast(kpi_count as {{ dbt.type_bigint() }}) as kpi_count,
        {%- for rating in ratings %}
            cast(kpi_{{ rating }}_count as {{ dbt.type_bigint() }}) as kpi_{{ rating }}_count
            {%- if not loop.last %},{% endif %}
        {%- endfor %}

    from named

)

select * from final
