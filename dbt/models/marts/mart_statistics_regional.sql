-- Regional aggregates of Members' statistics: region × year × indicator, over the Members that
-- are countries (the European Union is left out so its Member States are not counted twice),
-- by the indicator's rule: sum, mean, weighted_mean (weighted by the Member's value of the
-- weight indicator for the same year) or median. Currency indicators are aggregated in US
-- dollars; a value without an exchange rate counts as reported but not in the aggregate.
-- Coverage = Members reporting / country Members of the region that year.

with

facts as (

    select * from {{ ref('fct_customs_statistics') }}

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
        indicators.weight_indicator_code,
        indicators.unit

    from eligible
    cross join indicators

),

country_values as (

    select

        member_code,
        region_code,
        statistics_year,
        indicator_code,
        case when unit = 'currency' then value_usd else indicator_value end as aggregation_value

    from facts
    where is_country

),

weighted as (

    select

        country_values.*,
        weights.aggregation_value as weight_value

    from country_values
    inner join indicators
        on country_values.indicator_code = indicators.indicator_code
    left join country_values as weights
        on
            indicators.weight_indicator_code = weights.indicator_code
            and country_values.member_code = weights.member_code
            and country_values.statistics_year = weights.statistics_year

),

aggregated as (

    select

        region_code,
        statistics_year,
        indicator_code,
        count(*) as members_reporting,
        count(aggregation_value) as members_aggregated,
        sum(aggregation_value) as sum_value,
        avg(aggregation_value) as mean_value,
        sum(aggregation_value * weight_value)
        / nullif(
            sum(case when aggregation_value is not null then weight_value end), 0
        ) as weighted_mean_value,
        {{ median('aggregation_value') }} as median_value

    from weighted
    group by region_code, statistics_year, indicator_code

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
        cast(
            case spine.aggregation
                when 'sum' then aggregated.sum_value
                when 'mean' then aggregated.mean_value
                when 'weighted_mean' then aggregated.weighted_mean_value
                when 'median' then aggregated.median_value
            end as {{ type_double() }}
        ) as aggregate_value,
        cast(coalesce(aggregated.members_reporting, 0) as {{ dbt.type_bigint() }})
            as members_reporting,
        cast(coalesce(aggregated.members_aggregated, 0) as {{ dbt.type_bigint() }})
            as members_aggregated,
        cast(spine.members_eligible as {{ dbt.type_bigint() }}) as members_eligible,
        cast(
            100.0 * coalesce(aggregated.members_reporting, 0) / spine.members_eligible
            as {{ type_double() }}
        ) as coverage_pct

    from spine
    inner join regions
        on spine.region_code = regions.region_code
    left join aggregated
        on
            spine.region_code = aggregated.region_code
            and spine.statistics_year = aggregated.statistics_year
            and spine.indicator_code = aggregated.indicator_code

)

select * from final
