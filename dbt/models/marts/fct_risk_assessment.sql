-- Every risk of every Directorate's current return for each reporting period (a resubmission
-- replaces the earlier return whole), linked to the objective it threatens, with inherent and
-- residual scores rated in the bands of the macro risk_rating.

with

current_returns as (

    select * from {{ ref('int_returns__current') }}

),

risks as (

    select * from {{ ref('stg_returns__risks') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

objectives as (

    select * from {{ ref('stg_reference__objectives') }}

),

current_risks as (

    select

        risks.*,
        current_returns.directorate_code,
        current_returns.period_code,
        current_returns.received_at,
        calendar.ip_year,
        calendar.quarter,
        objectives.goal_code

    from current_returns
    inner join risks
        on current_returns.file_id = risks.file_id
    inner join calendar
        on current_returns.period_code = calendar.period_code
    left join objectives
        on risks.objective_code = objectives.objective_code

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat(['directorate_code', "'|'", 'period_code', "'|'", 'risk_code']) }}
            as {{ dbt.type_string() }}
        ) as risk_assessment_key,
        cast(directorate_code as {{ dbt.type_string() }}) as directorate_code,
        cast(
            {{ directorate_key_for('current_risks.directorate_code', 'current_risks.period_code') }}
            as {{ dbt.type_string() }}
        ) as directorate_key,
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,
        cast(risk_code as {{ dbt.type_string() }}) as risk_code,

        ---------- results framework
        cast(objective_code as {{ dbt.type_string() }}) as objective_code,
        cast(
            {{ dbt.concat(["'objective|'", 'objective_code', "'|'", 'ip_year']) }}
            as {{ dbt.type_string() }}
        ) as objective_key,
        cast(goal_code as {{ dbt.type_string() }}) as goal_code,

        ---------- text
        cast(title as {{ dbt.type_string() }}) as title,
        cast(mitigation as {{ dbt.type_string() }}) as mitigation,

        ---------- before mitigation
        cast(likelihood as {{ dbt.type_bigint() }}) as likelihood,
        cast(impact as {{ dbt.type_bigint() }}) as impact,
        cast(inherent_score as {{ dbt.type_bigint() }}) as inherent_score,
        cast({{ risk_rating('inherent_score') }} as {{ dbt.type_string() }}) as inherent_rating,

        ---------- after mitigation
        cast(residual_likelihood as {{ dbt.type_bigint() }}) as residual_likelihood,
        cast(residual_impact as {{ dbt.type_bigint() }}) as residual_impact,
        cast(residual_score as {{ dbt.type_bigint() }}) as residual_score,
        cast({{ risk_rating('residual_score') }} as {{ dbt.type_string() }}) as residual_rating,
        cast(inherent_score - residual_score as {{ dbt.type_bigint() }}) as score_reduction,

        ---------- direction
        cast(trend as {{ dbt.type_string() }}) as trend,

        ---------- lineage
        cast(file_id as {{ dbt.type_string() }}) as source_file_id,
        cast(source_row as {{ dbt.type_bigint() }}) as source_row,
        cast(received_at as {{ dbt.type_timestamp() }}) as received_at

    from current_risks

)

select * from final
