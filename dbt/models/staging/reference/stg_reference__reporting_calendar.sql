with

source as (

    select * from {{ source('reference', 'reporting_calendar') }}

),

renamed as (

    select

        ---------- ids
        period_code,
        ip_year,
        quarter,

        ---------- dates
        start_date,
        end_date,

        ---------- timestamps
        -- the register holds Brussels wall-clock time; received_at of the returns is UTC
        return_deadline as return_deadline_local,
        {{ to_utc_timestamp('return_deadline', 'Europe/Brussels') }} as return_deadline_utc

    from source

)

select * from renamed
