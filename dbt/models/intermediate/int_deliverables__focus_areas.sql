-- One row per deliverable × IP year × focus area it is tagged with (the register keeps the tags
-- as a ";"-separated list); untagged deliverables give no row.

with

deliverables as (

    select * from {{ ref('stg_reference__deliverables') }}

),

tagged as (

    select

        deliverable_code,
        ip_year,
        {{ split_to_rows('focus_area_codes', ';') }} as focus_area_code

    from deliverables
    where focus_area_codes is not null

),

counted as (

    select

        deliverable_code,
        ip_year,
        focus_area_code,
        count(*) over (partition by deliverable_code, ip_year) as focus_area_count

    from tagged
    where focus_area_code <> ''

)

select * from counted
