with

source as (

    select * from {{ source('reference', 'implementation_plans') }}

),

renamed as (

    select

        ---------- ids
        ip_year,
        plan_cycle,
        plan_revision,

        ---------- dates
        start_date,
        end_date,
        -- the calendar year in which the IP year starts (2025 for 2025-26)
        cast(extract(year from start_date) as {{ dbt.type_bigint() }}) as first_calendar_year

    from source

)

select * from renamed
