with

source as (

    select * from {{ source('reference', 'exchange_rates') }}

),

renamed as (

    select

        ---------- ids
        currency_code,
        year as rate_year,

        ---------- text
        currency_area,

        ---------- numerics
        units_per_usd

    from source

)

select * from renamed
