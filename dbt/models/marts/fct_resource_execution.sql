-- Budget execution of every deliverable per reporting period, from the Resources sheet of the
-- owner Directorate's current return (a resubmission replaces the earlier return whole):
-- budget allocated for the IP year and spent so far (year to date), in euros, and the
-- execution rate. The roll-up by objective is mart_resource_execution_by_objective.

with

current_returns as (

    select * from {{ ref('int_returns__current') }}

),

resources as (

    select * from {{ ref('stg_returns__resources') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

deliverables as (

    select * from {{ ref('stg_reference__deliverables') }}

),

objectives as (

    select * from {{ ref('stg_reference__objectives') }}

),

budget_lines as (

    select

        resources.deliverable_code,
        current_returns.period_code,
        calendar.ip_year,
        calendar.quarter,
        current_returns.directorate_code,
        deliverables.objective_code,
        objectives.goal_code,
        deliverables.title_en,
        deliverables.title_fr,
        cast(resources.budget_allocated_eur as decimal(18, 2)) as budget_allocated_eur,
        cast(resources.budget_spent_eur as decimal(18, 2)) as budget_spent_eur,
        resources.comment,
        resources.file_id,
        resources.source_row,
        current_returns.received_at

    from current_returns
    inner join resources
        on current_returns.file_id = resources.file_id
    inner join calendar
        on current_returns.period_code = calendar.period_code
    left join deliverables
        on
            resources.deliverable_code = deliverables.deliverable_code
            and calendar.ip_year = deliverables.ip_year
    left join objectives
        on deliverables.objective_code = objectives.objective_code

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat(['deliverable_code', "'|'", 'period_code']) }}
            as {{ dbt.type_string() }}
        ) as resource_execution_key,
        cast(deliverable_code as {{ dbt.type_string() }}) as deliverable_code,
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,
        cast(directorate_code as {{ dbt.type_string() }}) as directorate_code,
        cast(
            {{ directorate_key_for('budget_lines.directorate_code', 'budget_lines.period_code') }}
            as {{ dbt.type_string() }}
        ) as directorate_key,

        ---------- results framework
        cast(objective_code as {{ dbt.type_string() }}) as objective_code,
        cast(
            {{ dbt.concat(["'objective|'", 'objective_code', "'|'", 'ip_year']) }}
            as {{ dbt.type_string() }}
        ) as objective_key,
        cast(goal_code as {{ dbt.type_string() }}) as goal_code,

        ---------- text
        cast(title_en as {{ dbt.type_string() }}) as title_en,
        cast(title_fr as {{ dbt.type_string() }}) as title_fr,

        ---------- amounts (EUR)
        cast(budget_allocated_eur as decimal(18, 2)) as budget_allocated_eur,
        cast(budget_spent_eur as decimal(18, 2)) as budget_spent_eur,
        cast(budget_allocated_eur - budget_spent_eur as decimal(18, 2)) as budget_remaining_eur,

        ---------- execution
        cast(
            100.0 * cast(budget_spent_eur as {{ type_double() }})
            / nullif(cast(budget_allocated_eur as {{ type_double() }}), 0)
            as {{ type_double() }}
        ) as execution_rate_pct,
        cast(25.0 * quarter as {{ type_double() }}) as year_elapsed_pct,
        cast(budget_spent_eur > budget_allocated_eur as {{ dbt.type_boolean() }}) as is_overspent,

        ---------- comment and lineage
        cast(comment as {{ dbt.type_string() }}) as comment,
        cast(file_id as {{ dbt.type_string() }}) as source_file_id,
        cast(source_row as {{ dbt.type_bigint() }}) as source_row,
        cast(received_at as {{ dbt.type_timestamp() }}) as received_at

    from budget_lines

)

select * from final
