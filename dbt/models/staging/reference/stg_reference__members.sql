with

source as (

    select * from {{ source('reference', 'members') }}

),

renamed as (

    select

        ---------- ids
        member_code,
        iso2,
        iso_numeric,
        region_code,

        ---------- text
        name_en,
        name_fr,

        ---------- booleans
        is_country,

        ---------- validity
        valid_from,
        valid_to,
        valid_to is null as is_current

    from source

)

select * from renamed
