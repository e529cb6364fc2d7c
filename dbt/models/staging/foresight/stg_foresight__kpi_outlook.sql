with

source as (

    select * from {{ source('foresight', 'kpi_outlook') }}

),

renamed as (

    select

        ---------- as written by the foresight step
        kpi_outlook_key,
        kpi_code,
        period_code,
        ip_year,
        quarter,
        projected_ip_year,
        projected_statistics_year,
        aggregation,
        direction,
        annual_target,
        projected_value,
        lower_80,
        upper_80,
        probability_meeting_target,
        current_rag,
        projected_rag,
        projection_method,
        method_note,
        chosen_method,
        chosen_because,
        backtest_mase,
        backtest_coverage_80,
        backtest_forecasts

    from source

)

select * from renamed
