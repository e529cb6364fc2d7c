-- Regional aggregates of Members' statistics: region × year × indicator, every region and
-- year (a region without any value gets a row with no aggregate and coverage 0). The
-- aggregate itself, by the indicator's rule over the region's country Members, comes from
-- int_statistics__aggregates_by_scope (the same rule as the KPI headline figures).
-- Coverage = Members reporting / country Members of the region that year.

with

regional_aggregates as (

    select * from {{ ref('int_statistics__aggregates_by_scope') }}
    where scope_type = 'region'

),

member_years as (

    select * from {{ ref('int_member__versions_by_year') }}

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

eligible as (

    select

        region_code,
        statistics_year,
        count(*) as members_eligible

    from member_years
    where is_country
    group by region_code, statistics_year

),

spine as (

    select

        eligible.region_code,
        eligible.statistics_year,
        eligible.members_eligible,
        indicators.indicator_code,
        indicators.aggregation,
        indicators.unit

    from eligible
    cross join indicators

),

final as (

    select

        cast(
            {{ dbt.concat([
                'spine.region_code',
                "'|'",
                'cast(spine.statistics_year as ' ~ dbt.type_string() ~ ')',
                "'|'",
                'spine.indicator_code',
            ]) }} as {{ dbt.type_string() }}
        ) as regional_statistics_key,
        cast(spine.region_code as {{ dbt.type_string() }}) as region_code,
        cast(regions.name_en as {{ dbt.type_string() }}) as region_name_en,
        cast(regions.name_fr as {{ dbt.type_string() }}) as region_name_fr,
        cast(spine.statistics_year as {{ dbt.type_bigint() }}) as statistics_year,
        cast(spine.indicator_code as {{ dbt.type_string() }}) as indicator_code,
        cast(spine.aggregation as {{ dbt.type_string() }}) as aggregation,
        cast(
            case when spine.unit = 'currency' then 'usd' else spine.unit end
            as {{ dbt.type_string() }}
        ) as aggregate_unit,
        cast(regional_aggregates.aggregate_value as {{ type_double() }}) as aggregate_value,
        cast(coalesce(regional_aggregates.members_reporting, 0) as {{ dbt.type_bigint() }})
            as members_reporting,
        cast(coalesce(regional_aggregates.members_aggregated, 0) as {{ dbt.type_bigint() }})
            as members_aggregated,
        cast(spine.members_eligible as {{ dbt.type_bigint() }}) as members_eligible,
        cast(
            100.0 * coalesce(regional_aggregates.members_reporting, 0) / spine.members_eligible
            as {{ type_double() }}
        ) as coverage_pct

    from spine
    inner join regions
        on spine.region_code = regions.region_code
    left join regional_aggregates
        on
            spine.region_code = regional_aggregates.scope_code
            and spine.statistics_year = regional_aggregates.statistics_year
            and spine.indicator_code = regional_aggregates.indicator_code

)

select * from final
