with

source as (

    select * from {{ source('reference', 'indicators') }}

),

renamed as (

    select

        ---------- ids
        indicator_code,
        weight_indicator as weight_indicator_code,

        ---------- text
        name_en,
        name_fr,
        definition_en,
        definition_fr,

        ---------- properties
        unit,
        aggregation,
        reference_period,
        confidentiality,
        may_be_negative,

        ---------- numerics
        min_value,
        max_value,

        ---------- derived
        coalesce(source_type, 'member') as source_type

    from source

)

select * from renamed
