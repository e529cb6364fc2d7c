-- KPI outlook: computed by the foresight step (Python package foresight/), typed here
-- for the contract.

with

source_rows as (

    select * from {{ ref('stg_foresight__kpi_outlook') }}

),

final as (

    select

        cast(kpi_outlook_key as {{ dbt.type_string() }}) as kpi_outlook_key,
        cast(kpi_code as {{ dbt.type_string() }}) as kpi_code,
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,
        cast(projected_ip_year as {{ dbt.type_string() }}) as projected_ip_year,
        cast(projected_statistics_year as {{ dbt.type_bigint() }}) as projected_statistics_year,
        cast(aggregation as {{ dbt.type_string() }}) as aggregation,
        cast(direction as {{ dbt.type_string() }}) as direction,
        cast(annual_target as {{ type_double() }}) as annual_target,
        cast(projected_value as {{ type_double() }}) as projected_value,
        cast(lower_80 as {{ type_double() }}) as lower_80,
        cast(upper_80 as {{ type_double() }}) as upper_80,
        cast(probability_meeting_target as {{ type_double() }}) as probability_meeting_target,
        cast(current_rag as {{ dbt.type_string() }}) as current_rag,
        cast(projected_rag as {{ dbt.type_string() }}) as projected_rag,
        cast(projection_method as {{ dbt.type_string() }}) as projection_method,
        cast(method_note as {{ dbt.type_string() }}) as method_note,
        cast(chosen_method as {{ dbt.type_string() }}) as chosen_method,
        cast(chosen_because as {{ dbt.type_string() }}) as chosen_because,
        cast(backtest_mase as {{ type_double() }}) as backtest_mase,
        cast(backtest_coverage_80 as {{ type_double() }}) as backtest_coverage_80,
        cast(backtest_forecasts as {{ dbt.type_bigint() }}) as backtest_forecasts

    from source_rows

)

select * from final
