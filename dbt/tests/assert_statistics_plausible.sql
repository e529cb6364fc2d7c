-- Warns (rows kept in dbt_test_failures for the quality alerts) about every current statistics
-- value a person should check: outside the indicator's expected range, a negative count, a
-- percentage over 100, or a change from the previous year beyond the factor
-- statistics_yoy_factor. Each row names the Member, year, indicator and both values.
{{ config(severity='warn', store_failures=true) }}

with

facts as (

    select * from {{ ref('fct_customs_statistics') }}

),

final as (

    select

        member_code,
        statistics_year,
        indicator_code,
        indicator_value,
        previous_year_value,
        source_file_name,
        source_cell,
        case
            when is_negative_count then 'negative_count'
            when is_percent_over_100 then 'percent_over_100'
            when is_out_of_range then 'out_of_range'
            else 'year_on_year_change'
        end as rule_code

    from facts
    where is_out_of_range or is_negative_count or is_percent_over_100 or is_yoy_jump

)

select * from final
