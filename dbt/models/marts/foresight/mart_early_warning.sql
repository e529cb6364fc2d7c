-- Early-warning list: computed by the foresight step (Python package foresight/), typed here
-- for the contract.

with

source_rows as (

    select * from {{ ref('stg_foresight__early_warning') }}

),

final as (

    select

        cast(early_warning_key as {{ dbt.type_string() }}) as early_warning_key,
        cast(subject_type as {{ dbt.type_string() }}) as subject_type,
        cast(subject_code as {{ dbt.type_string() }}) as subject_code,
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,
        cast(warning_rule as {{ dbt.type_string() }}) as warning_rule,
        cast(current_status as {{ dbt.type_string() }}) as current_status,
        cast(projected_status as {{ dbt.type_string() }}) as projected_status,
        cast(probability as {{ type_double() }}) as probability

    from source_rows

)

select * from final
