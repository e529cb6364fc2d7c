with

source as (

    select * from {{ source('reference', 'strategic_goals') }}

),

renamed as (

    select

        ---------- ids
        goal_code,
        plan_cycle,

        ---------- text
        name_en,
        name_fr

    from source

)

select * from renamed
