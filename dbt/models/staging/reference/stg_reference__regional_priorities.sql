with

source as (

    select * from {{ source('reference', 'regional_priorities') }}

),

renamed as (

    select

        ---------- ids
        priority_code,
        region_code,
        plan_cycle,

        ---------- ordering
        priority_rank,

        ---------- text
        name_en,
        name_fr,

        ---------- links (codes separated by ";", spaces removed)
        replace(objective_codes, ' ', '') as objective_codes,
        replace(deliverable_codes, ' ', '') as deliverable_codes

    from source

)

select * from renamed
