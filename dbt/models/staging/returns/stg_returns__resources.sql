with

source as (

    select * from {{ source('raw', 'return_resources') }}

),

renamed as (

    select

        ---------- ids
        file_id,
        deliverable_code,

        ---------- lineage
        sheet_name,
        source_row,

        ---------- amounts (EUR)
        budget_allocated_eur,
        budget_spent_eur,
        comment,

        ---------- timestamps (UTC)
        loaded_at

    from source

)

select * from renamed
