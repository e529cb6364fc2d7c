with

source as (

    select * from {{ source('foresight', 'deliverable_late_summary') }}

),

renamed as (

    select

        ---------- as written by the foresight step
        late_summary_key,
        ip_year,
        quarter,
        period_code,
        deliverables,
        expected_late,
        late_lower_80,
        late_upper_80

    from source

)

select * from renamed
