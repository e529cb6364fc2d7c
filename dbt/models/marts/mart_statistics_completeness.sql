-- How complete each Member's statistics are: Member × year (for every year in which the Member
-- belonged to the WCO and any Member reported), indicators expected (every indicator of the
-- register that Members report: source_type member) against indicators reported (a current
-- value received). Open-data indicators (source_type external) are not asked of Members.

with

member_years as (

    select * from {{ ref('int_member__versions_by_year') }}

),

facts as (

    select * from {{ ref('fct_customs_statistics') }}

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

expected as (

    select count(*) as indicators_expected
    from indicators
    where source_type = 'member'

),

reported as (

    select

        facts.member_code,
        facts.statistics_year,
        count(*) as indicators_reported,
        sum(case when facts.has_quality_flag then 1 else 0 end) as values_flagged,
        max(facts.received_at) as last_received_at

    from facts
    inner join indicators
        on facts.indicator_code = indicators.indicator_code
    where indicators.source_type = 'member'
    group by facts.member_code, facts.statistics_year

),

final as (

    select

        cast(
            {{ dbt.concat([
                'member_years.member_code',
                "'|'",
                'cast(member_years.statistics_year as ' ~ dbt.type_string() ~ ')',
            ]) }} as {{ dbt.type_string() }}
        ) as member_year_key,
        cast(
            {{ dbt.concat([
                'member_years.member_code',
                "'|'",
                'cast(member_years.valid_from as ' ~ dbt.type_string() ~ ')',
            ]) }} as {{ dbt.type_string() }}
        ) as member_version_key,
        cast(member_years.member_code as {{ dbt.type_string() }}) as member_code,
        cast(member_years.statistics_year as {{ dbt.type_bigint() }}) as statistics_year,
        cast(member_years.region_code as {{ dbt.type_string() }}) as region_code,
        cast(member_years.is_country as {{ dbt.type_boolean() }}) as is_country,
        cast(expected.indicators_expected as {{ dbt.type_bigint() }}) as indicators_expected,
        cast(coalesce(reported.indicators_reported, 0) as {{ dbt.type_bigint() }})
            as indicators_reported,
        cast(
            expected.indicators_expected - coalesce(reported.indicators_reported, 0)
            as {{ dbt.type_bigint() }}
        ) as indicators_missing,
        cast(
            100.0 * coalesce(reported.indicators_reported, 0)
            / nullif(expected.indicators_expected, 0)
            as {{ type_double() }}
        ) as completeness_pct,
        cast(coalesce(reported.values_flagged, 0) as {{ dbt.type_bigint() }}) as values_flagged,
        cast(reported.last_received_at as {{ dbt.type_timestamp() }}) as last_received_at

    from member_years
    cross join expected
    left join reported
        on
            member_years.member_code = reported.member_code
            and member_years.statistics_year = reported.statistics_year

)

select * from final
