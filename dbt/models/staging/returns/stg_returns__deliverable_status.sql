with

source as (

    select * from {{ source('raw', 'return_deliverables') }}

),

renamed as (

    select

        ---------- ids
        file_id,
        deliverable_code,

        ---------- lineage
        sheet_name,
        source_row,

        ---------- progress
        percent_complete,
        completion_date,
        comment,

        ---------- timestamps (UTC)
        loaded_at,

        ---------- status code, normalised
        lower(trim(status)) as status

    from source

)

select * from renamed
