with

source as (

    select * from {{ source('reference', 'kpi_targets') }}

),

renamed as (

    select

        ---------- ids
        kpi_code,
        ip_year,

        ---------- numerics
        target as annual_target

    from source

)

select * from renamed
