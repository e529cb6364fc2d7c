-- The results framework as it stood in each Implementation Plan year: one row per strategic
-- goal, objective and deliverable × IP year, each with its parents, the plan cycle and the plan
-- revision in force. A revised plan or a deliverable moved to another Directorate gives a new
-- row for the IP year, so history is reported against the structure of its time.

with

implementation_plans as (

    select * from {{ ref('stg_reference__implementation_plans') }}

),

plan_cycles as (

    select * from {{ ref('stg_reference__plan_cycles') }}

),

goals as (

    select * from {{ ref('stg_reference__strategic_goals') }}

),

objectives as (

    select * from {{ ref('stg_reference__objectives') }}

),

deliverables as (

    select * from {{ ref('stg_reference__deliverables') }}

),

---------- each IP year with the plan revision in force
plan_years as (

    select

        implementation_plans.ip_year,
        implementation_plans.plan_cycle,
        implementation_plans.plan_revision,
        implementation_plans.start_date,
        implementation_plans.end_date,
        plan_cycles.title_en as plan_title_en,
        plan_cycles.title_fr as plan_title_fr

    from implementation_plans
    left join plan_cycles
        on
            implementation_plans.plan_cycle = plan_cycles.plan_cycle
            and implementation_plans.plan_revision = plan_cycles.plan_revision

),

goal_years as (

    select

        plan_years.*,
        goals.goal_code,
        goals.name_en as goal_name_en,
        goals.name_fr as goal_name_fr

    from goals
    inner join plan_years
        on goals.plan_cycle = plan_years.plan_cycle

),

objective_years as (

    select

        goal_years.*,
        objectives.objective_code,
        objectives.name_en as objective_name_en,
        objectives.name_fr as objective_name_fr

    from objectives
    inner join goal_years
        on objectives.goal_code = goal_years.goal_code

),

elements as (

    select

        'goal' as element_type,
        goal_code as element_code,
        1 as element_level,
        goal_name_en as name_en,
        goal_name_fr as name_fr,
        cast(null as {{ dbt.type_string() }}) as parent_element_type,
        cast(null as {{ dbt.type_string() }}) as parent_element_code,
        ip_year,
        plan_cycle,
        plan_revision,
        plan_title_en,
        plan_title_fr,
        start_date,
        end_date,
        goal_code,
        goal_name_en,
        goal_name_fr,
        cast(null as {{ dbt.type_string() }}) as objective_code,
        cast(null as {{ dbt.type_string() }}) as objective_name_en,
        cast(null as {{ dbt.type_string() }}) as objective_name_fr,
        cast(null as {{ dbt.type_string() }}) as owner_directorate_code,
        cast(null as {{ dbt.type_string() }}) as due_period_code,
        cast(null as {{ dbt.type_string() }}) as target_type,
        cast(null as {{ dbt.type_string() }}) as focus_area_codes

    from goal_years

    union all

    select

        'objective' as element_type,
        objective_code as element_code,
        2 as element_level,
        objective_name_en as name_en,
        objective_name_fr as name_fr,
        'goal' as parent_element_type,
        goal_code as parent_element_code,
        ip_year,
        plan_cycle,
        plan_revision,
        plan_title_en,
        plan_title_fr,
        start_date,
        end_date,
        goal_code,
        goal_name_en,
        goal_name_fr,
        objective_code,
        objective_name_en,
        objective_name_fr,
        cast(null as {{ dbt.type_string() }}) as owner_directorate_code,
        cast(null as {{ dbt.type_string() }}) as due_period_code,
        cast(null as {{ dbt.type_string() }}) as target_type,
        cast(null as {{ dbt.type_string() }}) as focus_area_codes

    from objective_years

    union all

    select

        'deliverable' as element_type,
        deliverables.deliverable_code as element_code,
        3 as element_level,
        deliverables.title_en as name_en,
        deliverables.title_fr as name_fr,
        'objective' as parent_element_type,
        deliverables.objective_code as parent_element_code,
        objective_years.ip_year,
        objective_years.plan_cycle,
        objective_years.plan_revision,
        objective_years.plan_title_en,
        objective_years.plan_title_fr,
        objective_years.start_date,
        objective_years.end_date,
        objective_years.goal_code,
        objective_years.goal_name_en,
        objective_years.goal_name_fr,
        objective_years.objective_code,
        objective_years.objective_name_en,
        objective_years.objective_name_fr,
        deliverables.owner_directorate_code,
        deliverables.due_period_code,
        deliverables.target_type,
        deliverables.focus_area_codes

    from deliverables
    inner join objective_years
        on
            deliverables.objective_code = objective_years.objective_code
            and deliverables.ip_year = objective_years.ip_year

),

versioned as (

    select

        *,
        max(ip_year) over (partition by element_type, element_code) as latest_ip_year

    from elements

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat(['element_type', "'|'", 'element_code', "'|'", 'ip_year']) }}
            as {{ dbt.type_string() }}
        ) as plan_element_key,
        cast(element_type as {{ dbt.type_string() }}) as element_type,
        cast(element_code as {{ dbt.type_string() }}) as element_code,
        cast(element_level as {{ dbt.type_bigint() }}) as element_level,
        cast(
            case
                when parent_element_type is not null
                    then {{ dbt.concat([
                        'parent_element_type', "'|'", 'parent_element_code', "'|'", 'ip_year',
                    ]) }}
            end
            as {{ dbt.type_string() }}
        ) as parent_element_key,

        ---------- text
        cast(name_en as {{ dbt.type_string() }}) as name_en,
        cast(name_fr as {{ dbt.type_string() }}) as name_fr,

        ---------- hierarchy
        cast(goal_code as {{ dbt.type_string() }}) as goal_code,
        cast(goal_name_en as {{ dbt.type_string() }}) as goal_name_en,
        cast(goal_name_fr as {{ dbt.type_string() }}) as goal_name_fr,
        cast(objective_code as {{ dbt.type_string() }}) as objective_code,
        cast(objective_name_en as {{ dbt.type_string() }}) as objective_name_en,
        cast(objective_name_fr as {{ dbt.type_string() }}) as objective_name_fr,

        ---------- plan
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(plan_cycle as {{ dbt.type_string() }}) as plan_cycle,
        cast(plan_revision as {{ dbt.type_bigint() }}) as plan_revision,
        cast(plan_title_en as {{ dbt.type_string() }}) as plan_title_en,
        cast(plan_title_fr as {{ dbt.type_string() }}) as plan_title_fr,

        ---------- deliverables only
        cast(owner_directorate_code as {{ dbt.type_string() }}) as owner_directorate_code,
        cast(due_period_code as {{ dbt.type_string() }}) as due_period_code,
        cast(target_type as {{ dbt.type_string() }}) as target_type,
        cast(focus_area_codes as {{ dbt.type_string() }}) as focus_area_codes,

        ---------- validity
        cast(start_date as date) as valid_from,
        cast(end_date as date) as valid_to,
        cast(ip_year = latest_ip_year as {{ dbt.type_boolean() }}) as is_latest_version

    from versioned

)

select * from final
