with

source as (

    select * from {{ source('raw', 'intake_findings') }}

),

renamed as (

    select

        ---------- ids
        file_id,
        finding_number,

        ---------- file
        kind,
        original_name,

        ---------- finding
        severity,
        rule as rule_code,
        sheet_name,
        cell,
        value_found,

        ---------- messages
        message_en,
        message_fr,
        fix_en,
        fix_fr

    from source

)

select * from renamed
