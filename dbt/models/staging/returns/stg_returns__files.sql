with

source as (

    select * from {{ source('raw', 'return_files') }}

),

renamed as (

    select

        ---------- ids
        file_id,
        file_sha256,
        directorate_code,
        period_code,

        ---------- text
        original_name,
        layout_version,
        prepared_by,

        ---------- timestamps (UTC)
        received_at,
        loaded_at

    from source

)

select * from renamed
