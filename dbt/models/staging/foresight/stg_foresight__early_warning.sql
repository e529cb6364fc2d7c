with

source as (

    select * from {{ source('foresight', 'early_warning') }}

),

renamed as (

    select

        ---------- as written by the foresight step
        early_warning_key,
        subject_type,
        subject_code,
        period_code,
        ip_year,
        quarter,
        warning_rule,
        current_status,
        projected_status,
        probability

    from source

)

select * from renamed
