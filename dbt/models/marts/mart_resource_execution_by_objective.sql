-- Budget execution rolled up by objective: for every objective and reporting period with at
-- least one budget line in the current returns, the sum of its deliverables' budgets
-- allocated and spent (fct_resource_execution) and the execution rate of those sums.

with

budget_lines as (

    select * from {{ ref('fct_resource_execution') }}

),

objectives as (

    select * from {{ ref('stg_reference__objectives') }}

),

rolled_up as (

    select

        objective_code,
        period_code,
        ip_year,
        quarter,
        count(*) as budget_line_count,
        count(distinct directorate_code) as directorate_count,
        sum(budget_allocated_eur) as budget_allocated_eur,
        sum(budget_spent_eur) as budget_spent_eur,
        sum(case when is_overspent then 1 else 0 end) as overspent_line_count

    from budget_lines
    group by objective_code, period_code, ip_year, quarter

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat(['rolled_up.objective_code', "'|'", 'rolled_up.period_code']) }}
            as {{ dbt.type_string() }}
        ) as objective_execution_key,
        cast(rolled_up.objective_code as {{ dbt.type_string() }}) as objective_code,
        cast(
            {{ dbt.concat([
                "'objective|'", 'rolled_up.objective_code', "'|'", 'rolled_up.ip_year',
            ]) }} as {{ dbt.type_string() }}
        ) as objective_key,
        cast(rolled_up.period_code as {{ dbt.type_string() }}) as period_code,
        cast(rolled_up.ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(rolled_up.quarter as {{ dbt.type_bigint() }}) as quarter,

        ---------- text
        cast(objectives.goal_code as {{ dbt.type_string() }}) as goal_code,
        cast(objectives.name_en as {{ dbt.type_string() }}) as objective_name_en,
        cast(objectives.name_fr as {{ dbt.type_string() }}) as objective_name_fr,

        ---------- what is rolled up
        cast(rolled_up.budget_line_count as {{ dbt.type_bigint() }}) as budget_line_count,
        cast(rolled_up.directorate_count as {{ dbt.type_bigint() }}) as directorate_count,
        cast(rolled_up.overspent_line_count as {{ dbt.type_bigint() }}) as overspent_line_count,

        ---------- amounts (EUR)
        cast(rolled_up.budget_allocated_eur as decimal(18, 2)) as budget_allocated_eur,
        cast(rolled_up.budget_spent_eur as decimal(18, 2)) as budget_spent_eur,
        cast(
            rolled_up.budget_allocated_eur - rolled_up.budget_spent_eur as decimal(18, 2)
        ) as budget_remaining_eur,

        ---------- execution
        cast(
            100.0 * cast(rolled_up.budget_spent_eur as {{ type_double() }})
            / nullif(cast(rolled_up.budget_allocated_eur as {{ type_double() }}), 0)
            as {{ type_double() }}
        ) as execution_rate_pct,
        cast(25.0 * rolled_up.quarter as {{ type_double() }}) as year_elapsed_pct

    from rolled_up
    left join objectives
        on rolled_up.objective_code = objectives.objective_code

)

select * from final
