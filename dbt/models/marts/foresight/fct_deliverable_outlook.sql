-- Deliverable x quarter: the probability of completion by the due period (Markov chain of
-- status moves, computed by the foresight step), with the IP year's expected number late.

with

deliverable_outlook as (

    select * from {{ ref('stg_foresight__deliverable_outlook') }}

),

late_summary as (

    select * from {{ ref('stg_foresight__deliverable_late_summary') }}

),

final as (

    select

        ---------- the deliverable
        cast(
            deliverable_outlook.deliverable_outlook_key as {{ dbt.type_string() }}
        ) as deliverable_outlook_key,
        cast(deliverable_outlook.deliverable_code as {{ dbt.type_string() }}) as deliverable_code,
        cast(deliverable_outlook.period_code as {{ dbt.type_string() }}) as period_code,
        cast(deliverable_outlook.ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(deliverable_outlook.quarter as {{ dbt.type_bigint() }}) as quarter,
        cast(deliverable_outlook.status as {{ dbt.type_string() }}) as status,
        cast(deliverable_outlook.due_period_code as {{ dbt.type_string() }}) as due_period_code,
        cast(deliverable_outlook.quarters_left as {{ dbt.type_bigint() }}) as quarters_left,
        cast(deliverable_outlook.is_open as {{ dbt.type_boolean() }}) as is_open,
        cast(deliverable_outlook.probability_on_time as {{ type_double() }}) as probability_on_time,
        cast(
            deliverable_outlook.probability_completed_by_year_end as {{ type_double() }}
        ) as probability_completed_by_year_end,
        cast(deliverable_outlook.probability_late as {{ type_double() }}) as probability_late,

        ---------- the IP year's deliverables late at year end, seen from this period
        cast(
            late_summary.expected_late as {{ type_double() }}
        ) as expected_late_in_year,
        cast(late_summary.late_lower_80 as {{ dbt.type_bigint() }}) as late_lower_80,
        cast(late_summary.late_upper_80 as {{ dbt.type_bigint() }}) as late_upper_80

    from deliverable_outlook
    left join late_summary
        on deliverable_outlook.period_code = late_summary.period_code

)

select * from final
