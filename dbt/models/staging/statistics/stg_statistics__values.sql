with

source as (

    select * from {{ source('raw', 'statistics_values') }}

),

renamed as (

    select

        ---------- ids
        file_id,
        member_code,
        indicator_code,
        year as statistics_year,

        ---------- lineage
        file_sha256,
        sheet_name,
        source_row,
        source_cell,
        source_layout,
        member_as_reported,

        ---------- values
        value as indicator_value,
        value_as_reported,
        unit as unit_as_reported,
        scale_factor,
        currency_code,
        footnote,

        original_name as source_file_name,

        ---------- timestamps (UTC)
        received_at,
        loaded_at

    from source

)

select * from renamed
