with

source as (

    select * from {{ source('reference', 'kpis') }}

),

renamed as (

    select

        ---------- ids
        kpi_code,
        objective_code,
        owner_directorate as owner_directorate_code,
        indicator_code,

        ---------- text
        name_en,
        name_fr,

        ---------- rating rules
        unit,
        direction,
        aggregation,
        threshold_type,
        amber_threshold,
        red_threshold,
        source as value_source,

        ---------- numerics
        baseline

    from source

)

select * from renamed
