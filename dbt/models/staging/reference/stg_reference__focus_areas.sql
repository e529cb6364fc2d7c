with

source as (

    select * from {{ source('reference', 'focus_areas') }}

),

renamed as (

    select

        ---------- ids
        focus_area_code,

        ---------- text
        name_en,
        name_fr

    from source

)

select * from renamed
