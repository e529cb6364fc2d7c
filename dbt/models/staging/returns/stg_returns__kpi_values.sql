with

source as (

    select * from {{ source('raw', 'return_kpis') }}

),

renamed as (

    select

        ---------- ids
        file_id,
        kpi_code,

        ---------- lineage
        sheet_name,
        source_row,

        ---------- values
        actual_value,
        comment,

        ---------- timestamps (UTC)
        loaded_at

    from source

)

select * from renamed
