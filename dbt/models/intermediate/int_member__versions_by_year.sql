-- Which Members belonged to the WCO in each statistics year, and in which region, from the
-- versioned Member register: the version in force on the last day of the year (a Member that
-- joined during the year counts for it). Years are those for which any value was received.

with

members as (

    select * from {{ ref('stg_reference__members') }}

),

statistics_years as (

    select distinct statistics_year
    from {{ ref('int_statistics__current') }}

),

versions_in_year as (

    select

        statistics_years.statistics_year,
        members.member_code,
        members.region_code,
        members.is_country,
        members.valid_from,
        row_number() over (
            partition by members.member_code, statistics_years.statistics_year
            order by members.valid_from desc
        ) as version_rank

    from statistics_years
    inner join members
        on
            extract(year from members.valid_from) <= statistics_years.statistics_year
            and (
                members.valid_to is null
                or extract(year from members.valid_to)
                >= statistics_years.statistics_year
            )

),

final as (

    select

        statistics_year,
        member_code,
        region_code,
        is_country,
        valid_from

    from versions_in_year
    where version_rank = 1

)

select * from final
