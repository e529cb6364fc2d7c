with

source as (

    select * from {{ source('reference', 'plan_cycles') }}

),

renamed as (

    select

        ---------- ids
        plan_cycle,
        plan_revision,

        ---------- text
        title_en,
        title_fr,

        ---------- dates
        start_date,
        end_date,

        ---------- validity of the revision
        valid_from,
        valid_to

    from source

)

select * from renamed
