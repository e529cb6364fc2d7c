with

source as (

    select * from {{ source('raw', 'file_registry') }}

),

renamed as (

    select

        ---------- ids
        file_id,
        file_sha256,
        directorate_code,
        period_code,

        ---------- file
        kind,
        original_name,
        stored_path,
        report_path,

        ---------- outcome
        outcome,
        error_count,
        warning_count,
        message_en,
        message_fr,

        ---------- timestamps (UTC)
        first_seen_at,
        received_at,

        ---------- derived
        outcome = 'accepted' as is_accepted

    from source

)

select * from renamed
