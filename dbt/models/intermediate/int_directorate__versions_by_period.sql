-- The version of each Directorate in force on the last day of each reporting period, as the
-- surrogate key of dim_directorate (directorate_code "|" valid_from): facts by Directorate and
-- period carry it, so they relate to the versioned dimension on a unique key.

with

directorates as (

    select * from {{ ref('stg_reference__directorates') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

final as (

    select

        directorates.directorate_code,
        calendar.period_code,
        {{ dbt.concat([
            'directorates.directorate_code',
            "'|'",
            dbt.cast('directorates.valid_from', api.Column.translate_type('string')),
        ]) }} as directorate_key

    from calendar
    inner join directorates
        on
            calendar.end_date >= directorates.valid_from
            and (directorates.valid_to is null or calendar.end_date <= directorates.valid_to)

)

select * from final
