with

source as (

    select * from {{ source('reference', 'regions') }}

),

renamed as (

    select

        ---------- ids
        region_code,

        ---------- text
        name_en,
        name_fr

    from source

)

select * from renamed
