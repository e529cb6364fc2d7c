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

        ---------- values
        value as indicator_value,
        unit,

        ---------- timestamps (UTC)
        loaded_at

    from source

)

select * from renamed
