with

source as (

    select * from {{ source('reference', 'deliverables') }}

),

renamed as (

    select

        ---------- ids
        deliverable_code,
        ip_year,
        objective_code,
        owner_directorate as owner_directorate_code,
        due_period as due_period_code,

        ---------- text
        title_en,
        title_fr,
        focus_areas as focus_area_codes,
        target_type

    from source

)

select * from renamed
