with

source as (

    select * from {{ source('foresight', 'forecast_backtest') }}

),

renamed as (

    select

        ---------- as written by the foresight step
        forecast_backtest_key,
        kpi_code,
        projection_method,
        benchmark_method,
        n_forecasts,
        n_intervals,
        mae,
        mase,
        coverage_80,
        is_chosen

    from source

)

select * from renamed
