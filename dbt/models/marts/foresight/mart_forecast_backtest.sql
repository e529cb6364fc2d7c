-- Forecast backtests: computed by the foresight step (Python package foresight/), typed here
-- for the contract.

with

source_rows as (

    select * from {{ ref('stg_foresight__forecast_backtest') }}

),

final as (

    select

        cast(forecast_backtest_key as {{ dbt.type_string() }}) as forecast_backtest_key,
        cast(kpi_code as {{ dbt.type_string() }}) as kpi_code,
        cast(projection_method as {{ dbt.type_string() }}) as projection_method,
        cast(benchmark_method as {{ dbt.type_string() }}) as benchmark_method,
        cast(n_forecasts as {{ dbt.type_bigint() }}) as n_forecasts,
        cast(n_intervals as {{ dbt.type_bigint() }}) as n_intervals,
        cast(mae as {{ type_double() }}) as mae,
        cast(mase as {{ type_double() }}) as mase,
        cast(coverage_80 as {{ type_double() }}) as coverage_80,
        cast(is_chosen as {{ dbt.type_boolean() }}) as is_chosen

    from source_rows

)

select * from final
