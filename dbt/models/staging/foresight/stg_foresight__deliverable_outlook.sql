with

source as (

    select * from {{ source('foresight', 'deliverable_outlook') }}

),

renamed as (

    select

        ---------- as written by the foresight step
        deliverable_outlook_key,
        deliverable_code,
        period_code,
        ip_year,
        quarter,
        status,
        due_period_code,
        quarters_left,
        is_open,
        probability_on_time,
        probability_completed_by_year_end,
        probability_late

    from source

)

select * from renamed
