with

source as (

    select * from {{ source('reference', 'objectives') }}

),

renamed as (

    select

        ---------- ids
        objective_code,
        goal_code,

        ---------- text
        name_en,
        name_fr

    from source

)

select * from renamed
