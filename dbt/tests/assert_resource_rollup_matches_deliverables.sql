-- Fails for every objective × period whose roll-up in mart_resource_execution_by_objective
-- differs from the sum of its deliverables' budget lines in fct_resource_execution (budget
-- allocated, budget spent, number of lines), and for every objective × period present on one
-- side only.
{{ config(
    severity='error',
    meta={'dagster': {'ref': {'name': 'mart_resource_execution_by_objective'}}},
) }}

with

budget_lines as (

    select * from {{ ref('fct_resource_execution') }}

),

rollup as (

    select * from {{ ref('mart_resource_execution_by_objective') }}

),

summed as (

    select

        objective_code,
        period_code,
        count(*) as budget_line_count,
        sum(budget_allocated_eur) as budget_allocated_eur,
        sum(budget_spent_eur) as budget_spent_eur

    from budget_lines
    group by objective_code, period_code

)

select

    summed.budget_line_count as lines_in_fact,
    rollup.budget_line_count as lines_in_rollup,
    summed.budget_allocated_eur as allocated_in_fact,
    rollup.budget_allocated_eur as allocated_in_rollup,
    summed.budget_spent_eur as spent_in_fact,
    rollup.budget_spent_eur as spent_in_rollup,
    coalesce(summed.objective_code, rollup.objective_code) as objective_code,
    coalesce(summed.period_code, rollup.period_code) as period_code

from summed
full outer join rollup
    on
        summed.objective_code = rollup.objective_code
        and summed.period_code = rollup.period_code
where
    summed.objective_code is null
    or rollup.objective_code is null
    or summed.budget_line_count <> rollup.budget_line_count
    or summed.budget_allocated_eur <> rollup.budget_allocated_eur
    or summed.budget_spent_eur <> rollup.budget_spent_eur
