with

source as (

    select * from {{ source('reference', 'directorates') }}

),

renamed as (

    select

        ---------- ids
        directorate_code,

        ---------- text
        name_en,
        name_fr,
        preferred_language,
        alert_email,

        ---------- validity
        valid_from,
        valid_to,
        valid_to is null as is_current

    from source

)

select * from renamed
