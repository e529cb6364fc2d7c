-- All-Member aggregate of each statistics indicator for each year, over the Members that are
-- countries (the European Union is left out so that its Member States are not counted twice).
-- Values are the current revisions (int_statistics__current), currency values in US dollars.
-- The indicator's aggregation decides the figure: sum, mean, weighted_mean (weighted by the
-- Member's value of the weight indicator for the same year) or median.

with

current_values as (

    select * from {{ ref('int_statistics__current') }}

),

members as (

    select * from {{ ref('stg_reference__members') }}

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

-- the current (latest received) value, in US dollars for currency indicators
latest_values as (

    select

        member_code,
        indicator_code,
        statistics_year,
        comparable_value as indicator_value,
        1 as value_rank

    from current_values

),

-- whether a Member is a country is read from its latest version in the register
member_versions as (

    select

        member_code,
        is_country,
        row_number() over (
            partition by member_code
            order by valid_from desc
        ) as version_rank

    from members

),

countries as (

    select member_code
    from member_versions
    where version_rank = 1 and is_country

),

country_values as (

    select

        latest_values.member_code,
        latest_values.indicator_code,
        latest_values.statistics_year,
        latest_values.indicator_value

    from latest_values
    inner join countries
        on latest_values.member_code = countries.member_code
    where latest_values.value_rank = 1

),

weighted_values as (

    select

        country_values.indicator_code,
        country_values.statistics_year,
        country_values.member_code,
        country_values.indicator_value,
        weights.indicator_value as weight_value

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

        indicator_code,
        statistics_year,
        count(indicator_value) as member_count,
        sum(indicator_value) as sum_value,
        avg(indicator_value) as mean_value,
        sum(indicator_value * weight_value)
        / nullif(
            sum(case when indicator_value is not null then weight_value end), 0
        ) as weighted_mean_value,
        {{ median('indicator_value') }} as median_value

    from weighted_values
    group by indicator_code, statistics_year

),

final as (

    select

        aggregated.indicator_code,
        aggregated.statistics_year,
        indicators.aggregation,
        aggregated.member_count,
        case indicators.aggregation
            when 'sum' then aggregated.sum_value
            when 'mean' then aggregated.mean_value
            when 'weighted_mean' then aggregated.weighted_mean_value
            when 'median' then aggregated.median_value
        end as aggregate_value

    from aggregated
    inner join indicators
        on aggregated.indicator_code = indicators.indicator_code

)

select * from final
